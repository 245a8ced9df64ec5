import type { calendar_v3 } from '@googleapis/calendar';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulators/shared/listen.ts';
import { apiFetch, calendarApi, controlApi, fixture, signIn, startEmulator, timedEvent } from './support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof controlApi>;
let api: calendar_v3.Calendar;
let accessToken: string;

beforeAll(async () => {
  emulator = await startEmulator();
  control = controlApi(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.post('/reset');
  const { client, tokens } = await signIn(emulator.url, 'ann@example.com');
  api = calendarApi(emulator.url, client);
  accessToken = tokens.access_token!;
});

const noRetry = { retry: false } as const;

describe('events: insert, get, patch, update, delete', () => {
  it('inserts an event with a generated base32hex id, etag, sequence 0 and iCalUID', async () => {
    const { data } = await api.events.insert({
      calendarId: 'primary',
      requestBody: timedEvent('2030-03-04T10:00:00+01:00', 30, { description: 'Haircut' }),
    });
    expect(data.id).toMatch(/^[a-v0-9]{5,1024}$/);
    expect(data.etag).toMatch(/^"\d{16}"$/);
    expect(data).toMatchObject({
      kind: 'calendar#event',
      status: 'confirmed',
      sequence: 0,
      iCalUID: `${data.id}@google.com`,
      organizer: { email: 'ann@example.com', self: true },
      // ann's calendar is in UTC: the time comes back in the calendar's zone.
      start: { dateTime: '2030-03-04T09:00:00Z' },
    });
  });

  it('accepts a client-chosen id once, then answers 409 duplicate', async () => {
    const body = timedEvent('2030-03-04T10:00:00Z', 30, { id: 'rdv0appointment42' });
    expect((await api.events.insert({ calendarId: 'primary', requestBody: body })).data.id).toBe(
      'rdv0appointment42',
    );
    const error = await api.events
      .insert({ calendarId: 'primary', requestBody: body }, noRetry)
      .catch((e) => e);
    expect(error.status).toBe(409);
    expect(error.response.data.error.errors[0]).toMatchObject({ reason: 'duplicate', domain: 'global' });
  });

  it('rejects an id outside base32hex with 400', async () => {
    const body = timedEvent('2030-03-04T10:00:00Z', 30, { id: 'Not_Valid' });
    const error = await api.events
      .insert({ calendarId: 'primary', requestBody: body }, noRetry)
      .catch((e) => e);
    expect(error.status).toBe(400);
  });

  it('requires a time zone for a dateTime without offset, and accepts it with one', async () => {
    const bad = {
      summary: 'x',
      start: { dateTime: '2030-03-04T10:00:00' },
      end: { dateTime: '2030-03-04T11:00:00' },
    };
    const error = await api.events
      .insert({ calendarId: 'primary', requestBody: bad }, noRetry)
      .catch((e) => e);
    expect(error.status).toBe(400);
    expect(error.response.data.error.errors[0].message).toBe('Missing time zone definition for start time.');
    const zoned = {
      start: { dateTime: '2030-03-04T10:00:00', timeZone: 'Europe/Paris' },
      end: { dateTime: '2030-03-04T11:00:00', timeZone: 'Europe/Paris' },
    };
    const created = await api.events.insert({ calendarId: 'primary', requestBody: zoned });
    // 10:00 in Paris in March is 09:00Z: an event ending 09:30Z overlaps it, one ending at 09:00Z does not.
    const overlapping = await api.events.list({ calendarId: 'primary', timeMin: '2030-03-04T09:59:00Z' });
    expect(overlapping.data.items?.map((e) => e.id)).toEqual([created.data.id]);
    const after = await api.events.list({ calendarId: 'primary', timeMin: '2030-03-04T10:00:00Z' });
    expect(after.data.items).toEqual([]);
  });

  it('refuses an unknown time zone each time it is sent, and serves a UTC-named calendar zone as Z', async () => {
    const unknown = {
      summary: 'x',
      start: { dateTime: '2030-03-04T10:00:00', timeZone: 'Mars/Olympus' },
      end: { dateTime: '2030-03-04T11:00:00Z' },
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await api.events
        .insert({ calendarId: 'primary', requestBody: unknown }, noRetry)
        .catch((e) => e);
      expect(error.status).toBe(400);
      expect(error.response.data.error.errors[0].message).toBe(
        'Invalid time zone definition for start time.',
      );
    }
    await control.post('/accounts', { email: 'etc@example.com', timeZone: 'Etc/UTC' });
    const { client } = await signIn(emulator.url, 'etc@example.com');
    const { data } = await calendarApi(emulator.url, client).events.insert({
      calendarId: 'primary',
      requestBody: {
        start: { dateTime: '2030-07-01T10:00:00+02:00' },
        end: { dateTime: '2030-07-01T11:00:00', timeZone: 'Etc/UTC' },
      },
    });
    expect(data.start).toEqual({ dateTime: '2030-07-01T08:00:00Z' });
    expect(data.end).toEqual({ dateTime: '2030-07-01T11:00:00Z', timeZone: 'Etc/UTC' });
  });

  it('serves event times with an offset, in the calendar time zone, keeping the event zone as written', async () => {
    await control.post('/accounts', { email: 'paris@example.com', timeZone: 'Europe/Paris' });
    const { client } = await signIn(emulator.url, 'paris@example.com');
    const paris = calendarApi(emulator.url, client);
    const { data } = await paris.events.insert({
      calendarId: 'primary',
      requestBody: {
        summary: 'Check-up',
        start: { dateTime: '2030-07-01T08:00:00Z' },
        end: { dateTime: '2030-07-01T11:30:00', timeZone: 'Europe/Paris' },
      },
    });
    // As recorded pages show (`2008-09-24T10:30:00-07:00`): RFC3339 with the calendar zone's offset.
    expect(data.start).toEqual({ dateTime: '2030-07-01T10:00:00+02:00' });
    expect(data.end).toEqual({ dateTime: '2030-07-01T11:30:00+02:00', timeZone: 'Europe/Paris' });
    const winter = await paris.events.patch({
      calendarId: 'primary',
      eventId: data.id!,
      requestBody: { start: { dateTime: '2030-12-01T08:00:00Z' }, end: { dateTime: '2030-12-01T09:00:00Z' } },
    });
    expect(winter.data.start?.dateTime).toBe('2030-12-01T09:00:00+01:00');
  });

  it('stores all-day events (date, end exclusive)', async () => {
    const { data } = await api.events.insert({
      calendarId: 'primary',
      requestBody: { summary: 'Holiday', start: { date: '2030-05-01' }, end: { date: '2030-05-02' } },
    });
    expect(data.start).toEqual({ date: '2030-05-01' });
    expect((await api.events.get({ calendarId: 'primary', eventId: data.id! })).data.end).toEqual({
      date: '2030-05-02',
    });
  });

  it('patch merges (extendedProperties.private key-wise) and changes the etag; update replaces', async () => {
    const { data: created } = await api.events.insert({
      calendarId: 'primary',
      requestBody: timedEvent('2030-03-04T10:00:00Z', 30, {
        location: 'Salon',
        extendedProperties: { private: { rendezvousId: 'a1', tenant: 't1' } },
      }),
    });
    const { data: patched } = await api.events.patch({
      calendarId: 'primary',
      eventId: created.id!,
      requestBody: { summary: 'Moved', extendedProperties: { private: { tenant: 't2' } } },
    });
    expect(patched.etag).not.toBe(created.etag);
    expect(patched).toMatchObject({ summary: 'Moved', location: 'Salon', sequence: 0 });
    expect(patched.extendedProperties?.private).toEqual({ rendezvousId: 'a1', tenant: 't2' });

    const { data: updated } = await api.events.update({
      calendarId: 'primary',
      eventId: created.id!,
      requestBody: timedEvent('2030-03-04T11:00:00Z', 30, { summary: 'Replaced' }),
    });
    expect(updated.location).toBeUndefined();
    expect(updated.extendedProperties).toBeUndefined();
    expect(updated.sequence).toBe(1);
    expect(Date.parse(updated.updated!)).toBeGreaterThanOrEqual(Date.parse(patched.updated!));
  });

  it('answers If-Match with a stale etag with 412 conditionNotMet', async () => {
    const { data: created } = await api.events.insert({
      calendarId: 'primary',
      requestBody: timedEvent('2030-03-04T10:00:00Z', 30),
    });
    await api.events.patch({
      calendarId: 'primary',
      eventId: created.id!,
      requestBody: { summary: 'Changed' },
    });
    const stale = await apiFetch(
      emulator.url,
      accessToken,
      `/calendar/v3/calendars/primary/events/${created.id}`,
      {
        method: 'PATCH',
        headers: { 'if-match': created.etag! },
        body: JSON.stringify({ summary: 'Mine' }),
      },
    );
    expect(stale.status).toBe(412);
    expect(stale.body).toEqual(fixture('google-412-conditionNotMet.northworld.verbatim.jsonc'));

    const current = (await api.events.get({ calendarId: 'primary', eventId: created.id! })).data;
    const fresh = await api.events.patch(
      { calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'Mine' } },
      { headers: { 'If-Match': current.etag! } },
    );
    expect(fresh.data.summary).toBe('Mine');
  });

  it('delete keeps the event as cancelled for get; deleting again is 410 deleted', async () => {
    const { data: created } = await api.events.insert({
      calendarId: 'primary',
      requestBody: timedEvent('2030-03-04T10:00:00Z', 30),
    });
    const deleted = await api.events.delete({ calendarId: 'primary', eventId: created.id! });
    expect(deleted.status).toBe(204);
    expect((await api.events.get({ calendarId: 'primary', eventId: created.id! })).data.status).toBe(
      'cancelled',
    );
    const again = await apiFetch(
      emulator.url,
      accessToken,
      `/calendar/v3/calendars/primary/events/${created.id}`,
      {
        method: 'DELETE',
      },
    );
    expect(again.status).toBe(410);
    expect(again.body).toEqual(fixture('google-410-deleted.northworld.json'));
  });

  it('answers 404 notFound for an unknown event and for a calendar the caller cannot see', async () => {
    const missing = await apiFetch(
      emulator.url,
      accessToken,
      '/calendar/v3/calendars/primary/events/nosuchevent',
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.errors[0]).toEqual({
      domain: 'global',
      reason: 'notFound',
      message: 'Not Found',
    });
    await control.post('/accounts', { email: 'bob@example.com' });
    const foreign = await apiFetch(
      emulator.url,
      accessToken,
      '/calendar/v3/calendars/bob%40example.com/events',
    );
    expect(foreign.status).toBe(404);
  });

  it('answers 403 insufficientPermissions for writes with a read-only scope', async () => {
    const { client } = await signIn(
      emulator.url,
      'ann@example.com',
      'https://www.googleapis.com/auth/calendar.readonly',
    );
    const readOnly = calendarApi(emulator.url, client);
    expect((await readOnly.events.list({ calendarId: 'primary' })).status).toBe(200);
    const requestBody = timedEvent('2030-03-04T10:00:00Z', 30);
    const error = await readOnly.events
      .insert({ calendarId: 'primary', requestBody }, noRetry)
      .catch((e) => e);
    expect(error.status).toBe(403);
    expect(error.response.data.error.errors[0].reason).toBe('insufficientPermissions');
  });
});
