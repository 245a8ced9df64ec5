import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphClient, type Json, seedUser, signIn, startTestEmulator, type TestEmulator } from './support.ts';

const PROP_ID = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name rendezvous_appointment_id';

let emulator: TestEmulator;
let client: Client;
let user: { id: string; mail: string };

const meeting = (extra: Record<string, unknown> = {}) => ({
  subject: 'Haircut with Ada',
  body: { contentType: 'text', content: 'Booked through Rendezvous' },
  start: { dateTime: '2026-01-20T10:00:00', timeZone: 'Europe/Paris' },
  end: { dateTime: '2026-01-20T10:45:00', timeZone: 'Europe/Paris' },
  ...extra,
});

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control('POST', '/__emulator/reset');
  user = await seedUser(emulator);
  client = graphClient(emulator, (await signIn(emulator)).access_token);
});

describe('Graph /me/events CRUD', () => {
  it('creates an event (201) with id, changeKey and a weak etag built from it', async () => {
    const created: Json = await client.api('/me/events').post(meeting());
    expect(created.id).toMatch(/^AAMk/);
    expect(created['@odata.etag']).toBe(`W/"${created.changeKey}"`);
    expect(created).toMatchObject({
      subject: 'Haircut with Ada',
      type: 'singleInstance',
      isCancelled: false,
    });
    expect(created.organizer.emailAddress.address).toBe(user.mail);
  });

  it('reads it back by id through /me/events, /me/calendar/events and /users/{id}/events', async () => {
    const created: Json = await client.api('/me/events').post(meeting());
    for (const path of [
      '/me/events',
      '/me/calendar/events',
      `/users/${user.id}/events`,
      `/users/${user.mail}/events`,
    ]) {
      const read: Json = await client.api(`${path}/${created.id}`).get();
      expect(read.changeKey).toBe(created.changeKey);
    }
  });

  it('PATCH merges the given properties and bumps changeKey, etag and lastModifiedDateTime', async () => {
    const created: Json = await client.api('/me/events').post(meeting());
    await emulator.control('POST', '/__emulator/clock', { advanceMs: 60_000 });
    const updated: Json = await client.api(`/me/events/${created.id}`).patch({ subject: 'Colour with Ada' });
    expect(updated.subject).toBe('Colour with Ada');
    expect(updated.body.content).toBe('Booked through Rendezvous');
    expect(updated.changeKey).not.toBe(created.changeKey);
    expect(updated['@odata.etag']).toBe(`W/"${updated.changeKey}"`);
    expect(Date.parse(updated.lastModifiedDateTime)).toBeGreaterThan(
      Date.parse(created.lastModifiedDateTime),
    );
  });

  it('refuses a PATCH with a stale If-Match etag: 412 ErrorIrresolvableConflict', async () => {
    const created: Json = await client.api('/me/events').post(meeting());
    await client.api(`/me/events/${created.id}`).patch({ subject: 'moved by someone else' });
    const stale = client
      .api(`/me/events/${created.id}`)
      .header('If-Match', created['@odata.etag'])
      .patch({ subject: 'mine' });
    await expect(stale).rejects.toMatchObject({ statusCode: 412, code: 'ErrorIrresolvableConflict' });
  });

  it('DELETE answers 204, then the event is 404 ErrorItemNotFound', async () => {
    const created: Json = await client.api('/me/events').post(meeting());
    await client.api(`/me/events/${created.id}`).delete();
    await expect(client.api(`/me/events/${created.id}`).get()).rejects.toMatchObject({
      statusCode: 404,
      code: 'ErrorItemNotFound',
    });
  });

  it('deduplicates a retried POST with the same transactionId', async () => {
    const first: Json = await client.api('/me/events').post(meeting({ transactionId: 'appt-42-create' }));
    const retry: Json = await client.api('/me/events').post(meeting({ transactionId: 'appt-42-create' }));
    expect(retry.id).toBe(first.id);
    const list: Json = await client.api('/me/events').get();
    expect(list.value).toHaveLength(1);
    await expect(
      client.api('/me/events').post(meeting({ transactionId: 'appt-42-create', subject: 'other' })),
    ).rejects.toMatchObject({ statusCode: 400, code: 'ErrorDuplicateTransactionId' });
  });

  it('rejects an unknown property the way Graph does (400 RequestBodyRead)', async () => {
    await expect(client.api('/me/events').post(meeting({ summary: 'google field' }))).rejects.toMatchObject({
      statusCode: 400,
      code: 'RequestBodyRead',
    });
  });
});

describe('time zones', () => {
  it('stores the instant written in Europe/Paris and reads it in UTC by default', async () => {
    const created: Json = await client.api('/me/events').post(meeting());
    const read: Json = await client.api(`/me/events/${created.id}`).get();
    expect(read.start).toEqual({ dateTime: '2026-01-20T09:00:00.0000000', timeZone: 'UTC' });
    expect(read.end).toEqual({ dateTime: '2026-01-20T09:45:00.0000000', timeZone: 'UTC' });
    expect(read.originalStartTimeZone).toBe('Europe/Paris');
  });

  it('converts on read with Prefer: outlook.timezone, IANA or Windows names', async () => {
    const created: Json = await client.api('/me/events').post(meeting());
    const paris: Json = await client
      .api(`/me/events/${created.id}`)
      .header('Prefer', 'outlook.timezone="Europe/Paris"')
      .get();
    expect(paris.start).toEqual({ dateTime: '2026-01-20T10:00:00.0000000', timeZone: 'Europe/Paris' });
    const pacific: Json = await client
      .api(`/me/events/${created.id}`)
      .header('Prefer', 'outlook.timezone="Pacific Standard Time"')
      .get();
    expect(pacific.start).toEqual({
      dateTime: '2026-01-20T01:00:00.0000000',
      timeZone: 'Pacific Standard Time',
    });
  });

  it('accepts Windows zone names on write and keeps the instant across DST', async () => {
    const created: Json = await client.api('/me/events').post(
      meeting({
        start: { dateTime: '2026-07-01T09:00:00', timeZone: 'Romance Standard Time' },
        end: { dateTime: '2026-07-01T10:00:00', timeZone: 'Romance Standard Time' },
      }),
    );
    expect(created.start.dateTime).toBe('2026-07-01T07:00:00.0000000');
  });

  it('refuses an unknown zone with TimeZoneNotSupportedException', async () => {
    const bad = meeting({ start: { dateTime: '2026-01-20T10:00:00', timeZone: 'Greenwich Mean Time' } });
    await expect(client.api('/me/events').post(bad)).rejects.toMatchObject({
      statusCode: 400,
      code: 'TimeZoneNotSupportedException',
    });
  });
});

describe('singleValueExtendedProperties', () => {
  it('are not returned unless expanded, and $expand with $filter returns them', async () => {
    const created: Json = await client
      .api('/me/events')
      .post(meeting({ singleValueExtendedProperties: [{ id: PROP_ID, value: 'appt-42' }] }));
    expect(created.singleValueExtendedProperties).toBeUndefined();
    const plain: Json = await client.api(`/me/events/${created.id}`).get();
    expect(plain.singleValueExtendedProperties).toBeUndefined();
    const expanded: Json = await client
      .api(`/me/events/${created.id}`)
      .expand(`singleValueExtendedProperties($filter=id eq '${PROP_ID}')`)
      .get();
    expect(expanded.singleValueExtendedProperties).toEqual([{ id: PROP_ID, value: 'appt-42' }]);
  });

  it('filter with Any(): the name is case-sensitive, the value case-insensitive', async () => {
    const tagged: Json = await client
      .api('/me/events')
      .post(meeting({ singleValueExtendedProperties: [{ id: PROP_ID, value: 'Appt-42' }] }));
    await client.api('/me/events').post(meeting({ subject: 'untagged' }));
    const filter = (id: string, value: string) =>
      `singleValueExtendedProperties/Any(ep: ep/id eq '${id}' and ep/value eq '${value}')`;

    const byValue: Json = await client.api('/me/events').filter(filter(PROP_ID, 'APPT-42')).get();
    expect(byValue.value.map((e: Json) => e.id)).toEqual([tagged.id]);
    const wrongCase: Json = await client
      .api('/me/events')
      .filter(filter(PROP_ID.replace('rendezvous_appointment_id', 'RENDEZVOUS_APPOINTMENT_ID'), 'appt-42'))
      .get();
    expect(wrongCase.value).toEqual([]);
  });

  it('PATCH replaces the value of an existing property', async () => {
    const created: Json = await client
      .api('/me/events')
      .post(meeting({ singleValueExtendedProperties: [{ id: PROP_ID, value: 'appt-1' }] }));
    await client
      .api(`/me/events/${created.id}`)
      .patch({ singleValueExtendedProperties: [{ id: PROP_ID, value: 'appt-2' }] });
    const read: Json = await client
      .api(`/me/events/${created.id}`)
      .expand(`singleValueExtendedProperties($filter=id eq '${PROP_ID}')`)
      .get();
    expect(read.singleValueExtendedProperties).toEqual([{ id: PROP_ID, value: 'appt-2' }]);
  });
});

describe('throttling', () => {
  it('answers an injected 429 with a fractional Retry-After and the throttling body', async () => {
    await emulator.control('POST', '/__emulator/faults', {
      path: '/v1\\.0/me/events',
      status: 429,
      retryAfter: '2.128',
      times: 1,
    });
    const error: Json = await client
      .api('/me/events')
      .get()
      .catch((e) => e);
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe('TooManyRequests');
    expect(error.headers.get('retry-after')).toBe('2.128');
    expect(error.message).toBe('Please retry again later.');
    await expect(client.api('/me/events').get()).resolves.toMatchObject({ value: [] });
  });
});
