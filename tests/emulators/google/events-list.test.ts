import type { calendar_v3 } from '@googleapis/calendar';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulators/shared/listen.ts';
import { apiFetch, calendarApi, controlApi, fixture, signIn, startEmulator, timedEvent } from './support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof controlApi>;
let api: calendar_v3.Calendar;
let accessToken: string;
const CALENDAR = 'ann@example.com';

beforeAll(async () => {
  emulator = await startEmulator();
  control = controlApi(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.post('/reset');
  const { client, tokens } = await signIn(emulator.url, CALENDAR);
  api = calendarApi(emulator.url, client);
  accessToken = tokens.access_token!;
});

async function seed(count: number, extra: Record<string, unknown> = {}) {
  const { body } = await control.post('/seed', { calendarId: CALENDAR, generate: { count, ...extra } });
  return body.ids as string[];
}

async function listAll(params: calendar_v3.Params$Resource$Events$List) {
  const items: calendar_v3.Schema$Event[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  for (;;) {
    const { data } = await api.events.list({ calendarId: 'primary', ...params, pageToken });
    pages += 1;
    items.push(...(data.items ?? []));
    if (!data.nextPageToken) return { items, pages, nextSyncToken: data.nextSyncToken };
    expect(data.nextSyncToken).toBeUndefined();
    pageToken = data.nextPageToken;
  }
}

describe('events.list paging', () => {
  it('pages with maxResults and gives nextSyncToken only on the last page', async () => {
    const ids = await seed(7);
    const first = await api.events.list({ calendarId: 'primary', maxResults: 3 });
    expect(first.data.items).toHaveLength(3);
    expect(first.data.nextPageToken).toBeTruthy();
    expect(first.data.nextSyncToken).toBeUndefined();
    const all = await listAll({ maxResults: 3 });
    expect(all.pages).toBe(3);
    expect(all.items.map((e) => e.id)).toEqual(ids);
    expect(all.nextSyncToken).toBeTruthy();
  });

  it('uses 250 by default and caps maxResults at 2500', async () => {
    await seed(2600);
    expect((await api.events.list({ calendarId: 'primary' })).data.items).toHaveLength(250);
    expect((await api.events.list({ calendarId: 'primary', maxResults: 5000 })).data.items).toHaveLength(
      2500,
    );
  });

  it('pages through 10,000 events, each exactly once', async () => {
    await seed(10_000);
    const all = await listAll({ maxResults: 250 });
    expect(all.items).toHaveLength(10_000);
    expect(new Set(all.items.map((e) => e.id)).size).toBe(10_000);
  });

  it('hides cancelled events unless showDeleted, where they come as id/status stubs', async () => {
    const [keep, gone] = await seed(2);
    await control.delete(`/calendars/${CALENDAR}/events/${gone}`);
    expect((await listAll({})).items.map((e) => e.id)).toEqual([keep]);
    const withDeleted = await listAll({ showDeleted: true });
    expect(withDeleted.items[1]).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: gone,
      status: 'cancelled',
    });
  });
});

describe('events.list incremental sync', () => {
  it('returns only what changed since the sync token, including cancelled events', async () => {
    const [a, b, c] = await seed(3);
    const { nextSyncToken } = await listAll({});
    await control.patch(`/calendars/${CALENDAR}/events/${a}`, { summary: 'Renamed upstream' });
    await control.delete(`/calendars/${CALENDAR}/events/${b}`);
    const { data: added } = await api.events.insert({
      calendarId: 'primary',
      requestBody: timedEvent('2031-01-01T10:00:00Z', 30),
    });

    const changes = await listAll({ syncToken: nextSyncToken! });
    expect(changes.items.map((e) => [e.id, e.status])).toEqual([
      [a, 'confirmed'],
      [b, 'cancelled'],
      [added.id, 'confirmed'],
    ]);
    expect(changes.items.map((e) => e.id)).not.toContain(c);

    const nothing = await listAll({ syncToken: changes.nextSyncToken! });
    expect(nothing.items).toEqual([]);
    expect(nothing.nextSyncToken).toBeTruthy();
  });

  it('pages an incremental sync too', async () => {
    const ids = await seed(5);
    const { nextSyncToken } = await listAll({});
    for (const id of ids) await control.patch(`/calendars/${CALENDAR}/events/${id}`, { summary: 'x' });
    const changes = await listAll({ syncToken: nextSyncToken!, maxResults: 2 });
    expect(changes.pages).toBe(3);
    expect(changes.items.map((e) => e.id)).toEqual(ids);
  });

  it.each([
    ['timeMin', '2030-01-01T00:00:00Z'],
    ['timeMax', '2030-01-01T00:00:00Z'],
    ['updatedMin', '2030-01-01T00:00:00Z'],
    ['orderBy', 'updated'],
    ['q', 'haircut'],
    ['iCalUID', 'x@google.com'],
    ['privateExtendedProperty', 'a=b'],
    ['sharedExtendedProperty', 'a=b'],
  ])('refuses syncToken together with %s (400 invalid parameter)', async (name, value) => {
    const { nextSyncToken } = await listAll({});
    const query = new URLSearchParams({ syncToken: nextSyncToken!, [name]: value });
    const answer = await apiFetch(
      emulator.url,
      accessToken,
      `/calendar/v3/calendars/primary/events?${query}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(400);
    expect(answer.body.error.errors[0]).toMatchObject({
      domain: 'global',
      reason: 'invalid',
      locationType: 'parameter',
      location: name,
    });
  });

  it('refuses syncToken with showDeleted=false', async () => {
    const { nextSyncToken } = await listAll({});
    const error = await api.events
      .list({ calendarId: 'primary', syncToken: nextSyncToken!, showDeleted: false }, { retry: false })
      .catch((e) => e);
    expect(error.status).toBe(400);
  });

  it('answers an expired sync token with 410 fullSyncRequired', async () => {
    const { nextSyncToken } = await listAll({});
    await control.post('/expire-sync-tokens', {});
    const query = new URLSearchParams({ syncToken: nextSyncToken! });
    const answer = await apiFetch(
      emulator.url,
      accessToken,
      `/calendar/v3/calendars/primary/events?${query}`,
    );
    expect(answer.status).toBe(410);
    expect(answer.body).toEqual(fixture('google-410-fullSyncRequired.json'));
    const fresh = await listAll({});
    expect((await listAll({ syncToken: fresh.nextSyncToken! })).items).toEqual([]);
  });
});

describe('events.list filters', () => {
  it('ANDs repeated privateExtendedProperty constraints', async () => {
    const mk = (props: Record<string, string>) =>
      api.events.insert({
        calendarId: 'primary',
        requestBody: timedEvent('2030-01-01T10:00:00Z', 30, { extendedProperties: { private: props } }),
      });
    const both = (await mk({ app: 'rendezvous', tenant: 't1' })).data.id;
    await mk({ app: 'rendezvous', tenant: 't2' });
    await mk({ tenant: 't1' });
    const { items } = await listAll({ privateExtendedProperty: ['app=rendezvous', 'tenant=t1'] });
    expect(items.map((e) => e.id)).toEqual([both]);
  });

  it('treats timeMin as an exclusive bound on the end and timeMax as an exclusive bound on the start', async () => {
    // 10:00-11:00Z
    const { data: event } = await api.events.insert({
      calendarId: 'primary',
      requestBody: timedEvent('2030-01-01T10:00:00Z', 60),
    });
    const ids = async (timeMin?: string, timeMax?: string) =>
      (await listAll({ timeMin, timeMax })).items.map((e) => e.id);
    expect(await ids('2030-01-01T11:00:00Z')).toEqual([]);
    expect(await ids('2030-01-01T10:59:59Z')).toEqual([event.id]);
    expect(await ids(undefined, '2030-01-01T10:00:00Z')).toEqual([]);
    expect(await ids(undefined, '2030-01-01T10:00:01Z')).toEqual([event.id]);
    expect(await ids('2030-01-01T09:00:00+01:00', '2030-01-01T12:00:00+01:00')).toEqual([event.id]);
  });

  it('answers timeMax <= timeMin with 400 timeRangeEmpty', async () => {
    const error = await api.events
      .list(
        { calendarId: 'primary', timeMin: '2030-01-02T00:00:00Z', timeMax: '2030-01-01T00:00:00Z' },
        { retry: false },
      )
      .catch((e) => e);
    expect(error.status).toBe(400);
    expect(error.response.data.error.errors[0].reason).toBe('timeRangeEmpty');
  });

  it('returns events updated since updatedMin, deleted ones included', async () => {
    const [old, , deleted] = await seed(3);
    await control.post('/clock', { advanceMs: 60_000 });
    const since = new Date(Date.now() + 30_000).toISOString();
    await control.patch(`/calendars/${CALENDAR}/events/${old}`, { summary: 'touched' });
    await control.delete(`/calendars/${CALENDAR}/events/${deleted}`);
    const { items } = await listAll({ updatedMin: since });
    expect(items.map((e) => [e.id, e.status])).toEqual([
      [old, 'confirmed'],
      [deleted, 'cancelled'],
    ]);
  });

  it('orders by start time only with singleEvents=true', async () => {
    await seed(1, { start: '2030-02-01T10:00:00Z' });
    await seed(1, { start: '2030-01-01T10:00:00Z' });
    const error = await api.events
      .list({ calendarId: 'primary', orderBy: 'startTime' }, { retry: false })
      .catch((e) => e);
    expect(error.status).toBe(400);
    expect(error.response.data.error.errors[0].message).toBe(
      'The requested ordering is not available for the particular query.',
    );
    const { items } = await listAll({ orderBy: 'startTime', singleEvents: true });
    expect(items.map((e) => e.start?.dateTime)).toEqual(['2030-01-01T10:00:00Z', '2030-02-01T10:00:00Z']);
  });
});
