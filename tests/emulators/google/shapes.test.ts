import type { calendar_v3 } from '@googleapis/calendar';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulators/shared/listen.ts';
import { compareShape } from './shape.ts';
import {
  answerConsent,
  apiFetch,
  controlApi,
  fixture,
  oauthClient,
  REDIRECT_URI,
  signIn,
  startEmulator,
} from './support.ts';

/**
 * The emulator's output against the recorded payloads in the fixtures folder: same keys and
 * value types wherever both have a key. Each spec lists the keys the emulator may leave out.
 */

let emulator: RunningEmulator;
let control: ReturnType<typeof controlApi>;
let accessToken: string;
const EVENTS = '/calendar/v3/calendars/primary/events';

beforeAll(async () => {
  emulator = await startEmulator();
  control = controlApi(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.post('/reset');
  accessToken = (await signIn(emulator.url, 'ann@example.com')).tokens.access_token!;
});

const list = async (query = '') => (await apiFetch(emulator.url, accessToken, `${EVENTS}${query}`)).body;

/** Google adds a person's displayName only when the profile has one; seeded accounts have none. */
const DISPLAY_NAMES = ['$.items[].creator.displayName', '$.items[].organizer.displayName'];

async function insertLikeRecorded(extra: Partial<calendar_v3.Schema$Event> = {}) {
  return control.post('/calendars/ann@example.com/events', {
    summary: 'Test Event',
    description: 'My Test Event',
    colorId: '3',
    start: { dateTime: '2030-09-24T10:30:00-07:00' },
    end: { dateTime: '2030-09-24T11:00:00-07:00' },
    extendedProperties: { shared: { key: 'value' } },
    ...extra,
  });
}

describe('events.list pages have the recorded shape', () => {
  it('matches a last page with nextSyncToken (google-events-list-extendedProperties-syncToken)', async () => {
    await insertLikeRecorded();
    const report = compareShape(
      await list(),
      fixture('google-events-list-extendedProperties-syncToken.northworld.json'),
    );
    expect(report.typeMismatches).toEqual([]);
    expect(report.missingInEmulator.sort()).toEqual(DISPLAY_NAMES);
  });

  it('matches a page with nextPageToken and recurring masters (google-events-list-page-nextPageToken)', async () => {
    const recurring = {
      recurrence: ['RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20311231T075959Z;BYDAY=MO'],
      start: { timeZone: 'America/Los_Angeles', dateTime: '2030-10-07T09:30:00-07:00' },
      end: { timeZone: 'America/Los_Angeles', dateTime: '2030-10-07T10:30:00-07:00' },
    };
    await insertLikeRecorded(recurring);
    await insertLikeRecorded(recurring);
    const page = await list('?maxResults=1');
    expect(page.nextPageToken).toBeTruthy();
    const report = compareShape(page, fixture('google-events-list-page-nextPageToken.northworld.json'));
    expect(report.typeMismatches).toEqual([]);
    expect(report.missingInEmulator.sort()).toEqual(DISPLAY_NAMES);
  });

  it('matches an empty page (google-events-list-empty-syncToken)', async () => {
    const report = compareShape(await list(), fixture('google-events-list-empty-syncToken.northworld.json'));
    expect(report).toEqual({ typeMismatches: [], missingInEmulator: [] });
  });

  it('matches a recorded incremental-sync page (google-events-sync-cancelled-instance.compass)', async () => {
    const first = await list();
    await insertLikeRecorded({
      recurrence: ['RRULE:FREQ=DAILY;UNTIL=20310401T045959Z'],
      start: { dateTime: '2030-02-09T08:00:00-06:00', timeZone: 'America/Chicago' },
      end: { dateTime: '2030-02-09T09:00:00-06:00', timeZone: 'America/Chicago' },
    });
    const page = await list(`?syncToken=${first.nextSyncToken}`);
    const report = compareShape(page, fixture('google-events-sync-cancelled-instance.compass.json'));
    expect(report).toEqual({ typeMismatches: [], missingInEmulator: [] });
  });

  it('lists a deleted event with exactly the recorded keys (google-events-sync-deleted-series.compass)', async () => {
    const { body: event } = await insertLikeRecorded();
    const first = await list();
    await control.delete(`/calendars/ann@example.com/events/${event.id}`);
    const page = await list(`?syncToken=${first.nextSyncToken}`);
    const recorded = fixture<{ items: Record<string, unknown>[] }>(
      'google-events-sync-deleted-series.compass.json',
    );
    expect(Object.keys(page.items[0])).toEqual(Object.keys(recorded.items[0]!));
    expect(compareShape(page, recorded)).toEqual({ typeMismatches: [], missingInEmulator: [] });
  });

  it('leaves out what only cancelled recurring instances carry (google-event-cancelled-recurring-instance)', async () => {
    const { body: event } = await insertLikeRecorded();
    await control.delete(`/calendars/ann@example.com/events/${event.id}`);
    const stub = (await list('?showDeleted=true')).items[0];
    const report = compareShape(stub, fixture('google-event-cancelled-recurring-instance.northworld.json'));
    expect(report.typeMismatches).toEqual([]);
    // Instance exceptions of recurring series are not emulated (README).
    expect(report.missingInEmulator).toEqual(['$.recurringEventId', '$.originalStartTime']);
  });
});

describe('watch and OAuth answers have the recorded shape', () => {
  it('matches the watch response (google-events-watch-response.docs)', async () => {
    const watch = await apiFetch(emulator.url, accessToken, `${EVENTS}/watch`, {
      method: 'POST',
      body: JSON.stringify(fixture('google-events-watch-request.docs.json')),
    });
    expect(watch.status).toBe(200);
    // The docs example prints expiration as a number; on the wire int64 values are JSON strings.
    const report = compareShape(watch.body, fixture('google-events-watch-response.docs.json'), {
      '$.expiration': 'string',
    });
    expect(report).toEqual({ typeMismatches: [], missingInEmulator: [] });
  });

  it('matches the token responses (google-oauth-token-authcode/refresh-response)', async () => {
    const client = oauthClient(emulator.url);
    const redirect = await answerConsent(
      client.generateAuthUrl({
        access_type: 'offline',
        prompt: 'consent',
        scope: 'https://www.googleapis.com/auth/calendar',
      }),
      'allow',
    );
    const form = (params: Record<string, string>) =>
      fetch(`${emulator.url}/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: client._clientId!, client_secret: 'dev-secret', ...params }),
      }).then((r) => r.json() as Promise<Record<string, string>>);
    const issued = await form({
      grant_type: 'authorization_code',
      code: redirect.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
    });
    expect(compareShape(issued, fixture('google-oauth-token-authcode-response.northworld.json'))).toEqual({
      typeMismatches: [],
      missingInEmulator: [],
    });
    const refreshed = await form({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });
    expect(compareShape(refreshed, fixture('google-oauth-token-refresh-response.northworld.json'))).toEqual({
      typeMismatches: [],
      missingInEmulator: [],
    });
    expect(refreshed.refresh_token).toBeUndefined();
  });
});
