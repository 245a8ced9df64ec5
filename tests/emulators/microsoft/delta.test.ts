import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  graphClient,
  type Json,
  relative,
  seedUser,
  signIn,
  startTestEmulator,
  type TestEmulator,
} from './support.ts';

let emulator: TestEmulator;
let client: Client;
let user: { id: string };

const WINDOW = 'startDateTime=2026-01-01T00:00:00Z&endDateTime=2026-02-01T00:00:00Z';
const at = (day: number, hour = 10) => ({
  start: { dateTime: `2026-01-${String(day).padStart(2, '0')}T${hour}:00:00`, timeZone: 'UTC' },
  end: { dateTime: `2026-01-${String(day).padStart(2, '0')}T${hour + 1}:00:00`, timeZone: 'UTC' },
});

/** Follows nextLinks to the deltaLink, returning every page. */
async function syncAll(first: string, pageSize?: number) {
  const pages: Json[] = [];
  let path: string | undefined = first;
  while (path) {
    const request = client.api(path);
    if (pageSize) request.header('Prefer', `odata.maxpagesize=${pageSize}`);
    const page: Json = await request.get();
    pages.push(page);
    path = page['@odata.nextLink'] ? relative(emulator, page['@odata.nextLink']) : undefined;
  }
  const last = pages.at(-1);
  return {
    pages,
    items: pages.flatMap((p) => p.value),
    deltaLink: relative(emulator, last['@odata.deltaLink']),
  };
}

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control('POST', '/__emulator/reset');
  user = await seedUser(emulator);
  client = graphClient(emulator, (await signIn(emulator)).access_token);
});

describe('calendarView delta', () => {
  it('requires startDateTime and endDateTime on the first call', async () => {
    await expect(client.api('/me/calendarView/delta').get()).rejects.toMatchObject({
      statusCode: 400,
      code: 'ErrorInvalidParameter',
    });
  });

  it('pages the window with Prefer: odata.maxpagesize, nextLink ($skiptoken) then deltaLink ($deltatoken)', async () => {
    await emulator.control('POST', '/__emulator/seed', {
      events: [1, 2, 3, 4, 5].map((d) => ({ userId: user.id, subject: `day ${d}`, ...at(d) })),
    });
    await emulator.control('POST', `/__emulator/users/${user.id}/events`, {
      subject: 'outside',
      ...at(1),
      start: { dateTime: '2026-03-01T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-01T11:00:00', timeZone: 'UTC' },
    });
    const { pages, items } = await syncAll(`/me/calendarView/delta?${WINDOW}`, 2);
    expect(pages.map((p) => p.value.length)).toEqual([2, 2, 1]);
    expect(pages[0]['@odata.nextLink']).toMatch(
      new RegExp(`^${emulator.url}/v1\\.0/me/calendarView/delta\\?\\$skiptoken=`),
    );
    expect(pages[0]['@odata.deltaLink']).toBeUndefined();
    expect(pages[2]['@odata.deltaLink']).toMatch(/\$deltatoken=/);
    expect(items.map((e: Json) => e.subject)).toEqual(['day 1', 'day 2', 'day 3', 'day 4', 'day 5']);
    expect(items[0]['@odata.type']).toBe('#microsoft.graph.event');
  });

  it('returns only what changed after the deltaLink: created, updated, and @removed for deletions', async () => {
    const kept: Json = await client.api('/me/events').post({ subject: 'kept', ...at(5) });
    const edited: Json = await client.api('/me/events').post({ subject: 'edited', ...at(6) });
    const removed: Json = await client.api('/me/events').post({ subject: 'removed', ...at(7) });
    const { deltaLink } = await syncAll(`/me/calendarView/delta?${WINDOW}`);

    await client.api(`/me/events/${edited.id}`).patch({ subject: 'edited twice' });
    await client.api(`/me/events/${removed.id}`).delete();
    const added: Json = await client.api('/me/events').post({ subject: 'added', ...at(8) });

    const round = await syncAll(deltaLink);
    const byId = new Map(round.items.map((e: Json) => [e.id, e]));
    expect(byId.has(kept.id)).toBe(false);
    expect((byId.get(edited.id) as Json).subject).toBe('edited twice');
    expect((byId.get(added.id) as Json).subject).toBe('added');
    expect(byId.get(removed.id)).toEqual({
      '@odata.type': '#microsoft.graph.event',
      id: removed.id,
      '@removed': { reason: 'deleted' },
    });

    const quiet = await syncAll(round.deltaLink);
    expect(quiet.items).toEqual([]);
  });

  it('reports an event moved out of the window as @removed, and sees Outlook-side edits', async () => {
    const moving: Json = await client.api('/me/events').post({ subject: 'moving', ...at(10) });
    const { deltaLink } = await syncAll(`/me/calendarView/delta?${WINDOW}`);
    await emulator.control('PATCH', `/__emulator/users/${user.id}/events/${moving.id}`, {
      start: { dateTime: '2026-03-10T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-10T11:00:00', timeZone: 'UTC' },
    });
    const human: Json = await emulator.control('POST', `/__emulator/users/${user.id}/events`, {
      subject: 'typed in Outlook',
      ...at(11),
    });
    const { items } = await syncAll(deltaLink);
    expect(items).toContainEqual({
      '@odata.type': '#microsoft.graph.event',
      id: moving.id,
      '@removed': { reason: 'deleted' },
    });
    expect(items.find((e: Json) => e.id === human.id)?.subject).toBe('typed in Outlook');
  });

  it('honours Prefer: outlook.timezone on delta pages', async () => {
    await client.api('/me/events').post({ subject: 'tz', ...at(12) });
    const page: Json = await client
      .api(`/me/calendarView/delta?${WINDOW}`)
      .header('Prefer', 'outlook.timezone="Europe/Paris"')
      .get();
    expect(page.value[0].start).toEqual({
      dateTime: '2026-01-12T11:00:00.0000000',
      timeZone: 'Europe/Paris',
    });
  });

  it('answers 410 SyncStateNotFound for an expired delta token, and a fresh window works again', async () => {
    const { deltaLink } = await syncAll(`/me/calendarView/delta?${WINDOW}`);
    await emulator.control('POST', '/__emulator/expire-delta-tokens');
    const error: Json = await client
      .api(deltaLink)
      .get()
      .catch((e) => e);
    expect(error.statusCode).toBe(410);
    expect(error.code).toBe('SyncStateNotFound');
    expect(error.message).toMatch(/^The sync state generation is not found; generation=\d+;\[highest=\d+\]/);
    await expect(syncAll(`/me/calendarView/delta?${WINDOW}`)).resolves.toBeDefined();
  });

  it('refuses $select/$filter on delta (not supported by calendarView delta)', async () => {
    await expect(
      client.api(`/me/calendarView/delta?${WINDOW}`).select('subject').get(),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it('syncs 10,000 seeded events quickly in pages of 1000', async () => {
    const events = Array.from({ length: 10_000 }, (_, i) => ({
      userId: user.id,
      subject: `bulk ${i}`,
      start: { dateTime: `2026-01-15T${String(i % 24).padStart(2, '0')}:00:00`, timeZone: 'UTC' },
      end: { dateTime: `2026-01-15T${String(i % 24).padStart(2, '0')}:30:00`, timeZone: 'UTC' },
    }));
    await emulator.control('POST', '/__emulator/seed', { events });
    const { pages, items } = await syncAll(`/me/calendarView/delta?${WINDOW}`, 1000);
    expect(pages).toHaveLength(10);
    expect(new Set(items.map((e: Json) => e.id)).size).toBe(10_000);
  });
});
