import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorize,
  CALENDAR_SCOPE,
  graphClient,
  type Json,
  loadFixture,
  REDIRECT_URI,
  relative,
  seedUser,
  shapeDifferences,
  startReceiver,
  startTestEmulator,
  type TestEmulator,
  token,
} from './support.ts';

/**
 * The stored real/documented payloads (../shared/providers/fixtures, see SOURCES.md) against what the
 * emulator serves: every key the real payload has must be there with the same value type, except the
 * keys listed as "may be absent" next to each comparison, with the reason.
 */
let emulator: TestEmulator;
let client: Client;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let user: { id: string };
let tokens: Json;
const served: Record<string, Json> = {};

const WINDOW = 'startDateTime=2016-12-01T00:00:00Z&endDateTime=2017-01-01T00:00:00Z';

beforeAll(async () => {
  emulator = await startTestEmulator();
  receiver = await startReceiver();
  user = await seedUser(emulator);
  const code = (await authorize(emulator, { scope: `openid ${CALENDAR_SCOPE}` })).searchParams.get('code')!;
  tokens = (await token(emulator, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }))
    .body;
  client = graphClient(emulator, tokens.access_token);

  const event = (subject: string, day: string) => ({
    subject,
    body: { contentType: 'html', content: '' },
    start: { dateTime: `2016-12-${day}T20:30:00`, timeZone: 'UTC' },
    end: { dateTime: `2016-12-${day}T22:00:00`, timeZone: 'UTC' },
    location: {
      displayName: 'Chapel of Saint Ignatius',
      address: {
        street: '900 Broadway',
        city: 'Seattle',
        state: 'WA',
        countryOrRegion: 'United States',
        postalCode: '',
      },
      coordinates: { latitude: 47.6105, longitude: -122.321 },
    },
  });
  const first: Json = await client.api('/me/events').post(event('Plan shopping list', '09'));
  await client.api('/me/events').post(event('Pick up car', '10'));
  served.deltaPage1 = await client
    .api(`/me/calendarView/delta?${WINDOW}`)
    .header('Prefer', 'odata.maxpagesize=1')
    .get();
  let page: Json = served.deltaPage1;
  while (page['@odata.nextLink']) page = await client.api(relative(emulator, page['@odata.nextLink'])).get();
  await client.api(`/me/events/${first.id}`).delete();
  await client.api('/me/events').post(event('Attend service', '25'));
  served.deltaRemoved = await client.api(relative(emulator, page['@odata.deltaLink'])).get();

  served.subscription = await client.api('/subscriptions').post({
    changeType: 'created,updated,deleted',
    notificationUrl: `${receiver.url}/n`,
    lifecycleNotificationUrl: `${receiver.url}/l`,
    resource: `/users/${user.id}/events`,
    expirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
    clientState: 'secretClientState',
  });
  served.subscriptionList = await client.api('/subscriptions').get();
  await client.api('/me/events').post(event('Notify me', '26'));
  await emulator.control('POST', `/__emulator/subscriptions/${served.subscription.id}/lifecycle`, {
    lifecycleEvent: 'missed',
  });
  await emulator.control('POST', '/__emulator/notifications/flush');
  served.notification = receiver.received.find((r) => r.url === '/n')!.body;
  served.lifecycle = receiver.received.find((r) => r.url === '/l')!.body;
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

describe('identity platform payloads match the stored ones', () => {
  it('token response ~ msid-token-response.docs.verbatim.jsonc', () => {
    expect(shapeDifferences(loadFixture('msid-token-response.docs.verbatim.jsonc'), tokens)).toEqual([]);
  });

  it('invalid_grant ~ msid-invalid_grant-700082 (real) and msid-token-error.docs.json', async () => {
    const { body } = await token(emulator, { grant_type: 'refresh_token', refresh_token: 'not-a-token' });
    expect(
      shapeDifferences(loadFixture('msid-invalid_grant-700082.real-azure-cli-issue14244.json'), body),
    ).toEqual([]);
    expect(shapeDifferences(loadFixture('msid-token-error.docs.json'), body)).toEqual([]);
  });
});

describe('Graph payloads match the stored ones', () => {
  it('delta first page ~ graph-calendarview-delta-page1-nextlink.docs.json', () => {
    expect(
      shapeDifferences(loadFixture('graph-calendarview-delta-page1-nextlink.docs.json'), served.deltaPage1),
    ).toEqual([]);
  });

  it('delta round with @removed ~ graph-calendarview-delta-removed.docs.json', () => {
    const real = loadFixture('graph-calendarview-delta-removed.docs.json');
    expect(shapeDifferences(real, served.deltaRemoved)).toEqual([]);
    // Item by item: the removed entry has exactly the keys of the real one.
    expect(Object.keys(served.deltaRemoved.value[0]).sort()).toEqual(Object.keys(real.value[0]).sort());
    expect(shapeDifferences(real.value[1], served.deltaRemoved.value[1])).toEqual([]);
  });

  it('410 body ~ graph-410-syncStateNotFound.issue2877.json', async () => {
    await emulator.control('POST', '/__emulator/expire-delta-tokens');
    const response = await fetch(`${emulator.url}/v1.0/me/calendarView/delta?$deltatoken=gone`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.status).toBe(410);
    expect(
      shapeDifferences(loadFixture('graph-410-syncStateNotFound.issue2877.json'), await response.json()),
    ).toEqual([]);
  });

  it('429 body ~ graph-429-throttled.docs.json', async () => {
    await emulator.control('POST', '/__emulator/faults', {
      path: '/v1\\.0/',
      status: 429,
      retryAfter: 10,
      times: 1,
    });
    const response = await fetch(`${emulator.url}/v1.0/me/events`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(shapeDifferences(loadFixture('graph-429-throttled.docs.json'), await response.json())).toEqual([]);
  });

  it('subscription ~ graph-subscription-create-response.docs.json and graph-subscriptions-list.real-issue6709.json', () => {
    expect(
      shapeDifferences(loadFixture('graph-subscription-create-response.docs.json'), served.subscription),
    ).toEqual([]);
    expect(
      shapeDifferences(loadFixture('graph-subscriptions-list.real-issue6709.json'), served.subscriptionList),
    ).toEqual([]);
    // The real list shows the resource without a leading slash.
    expect(served.subscription.resource).toBe(`users/${user.id}/events`);
  });

  it('change notification ~ graph-change-notification-basic.outlook-docs.json, .docs.json and the real issue3055 one', () => {
    expect(
      shapeDifferences(loadFixture('graph-change-notification-basic.outlook-docs.json'), served.notification),
    ).toEqual([]);
    expect(
      shapeDifferences(loadFixture('graph-change-notification.real-issue3055.json'), served.notification),
    ).toEqual([]);
    // The generic docs sample also has a top-level notification `id`, which Outlook notifications omit.
    expect(
      shapeDifferences(loadFixture('graph-change-notification.docs.json'), served.notification, ['id']),
    ).toEqual([]);
  });

  it('lifecycle notification ~ graph-lifecycle-notification.docs.json', () => {
    expect(shapeDifferences(loadFixture('graph-lifecycle-notification.docs.json'), served.lifecycle)).toEqual(
      [],
    );
    expect(served.lifecycle.value[0].lifecycleEvent).toBe('missed');
  });
});

describe('the shape comparison itself', () => {
  it('reports missing keys and differing value types, tolerating nulls and listed absences', () => {
    const real = { a: 1, b: { c: 'x' }, d: [{ e: true }], f: null, g: 1 };
    const emulated = { a: '1', b: {}, d: [{ e: 'yes' }], f: 'set' };
    expect(shapeDifferences(real, emulated, ['g'])).toEqual([
      '$.a: "number" vs "string"',
      '$.b.c: missing',
      '$.d[0].e: "boolean" vs "string"',
    ]);
  });
});
