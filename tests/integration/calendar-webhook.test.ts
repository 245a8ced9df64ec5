import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renewExpiringWatches } from '../../src/calendar/watch/renew-watches.ts';
import { calendarConnections } from '../../src/db/schema/index.ts';
import {
  type CalendarHarness,
  type NotificationRelay,
  startGoogleHarness,
  startNotificationRelay,
  utcAt,
} from '../support/calendar-harness.ts';
import { control } from '../support/google.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp, testPublicUrl } from '../support/test-app.ts';

/**
 * Google push channels (push guide, PROVIDERS.md A4): spec 002's setup-watch opens one per
 * calendar with its own secret token; Google's notifications reach POST /api/calendar/webhook
 * over real HTTP (through a relay to the app); an authentic one queues a pull of that calendar,
 * anything else is refused and queues nothing. The app here runs as an API process: it queues
 * jobs and runs none, so what a notification queued stays visible. (Outlook's subscriptions are
 * covered in microsoft-subscriptions.test.ts.)
 */
let calendar: CalendarHarness;
let relay: NotificationRelay;
let t: TestApp;

beforeAll(async () => {
  relay = await startNotificationRelay();
  calendar = await startGoogleHarness();
  t = await createTestApp({
    env: { ...calendar.env, PUBLIC_URL: relay.url, ALLOWED_ORIGINS: testPublicUrl },
    jobs: { work: false },
  });
  relay.attach(t.app);
});
afterAll(async () => {
  await t?.close();
  await calendar?.close();
  await relay?.close();
});

interface EmulatedChannel {
  id: string;
  resourceId: string;
  address: string;
  token?: string;
  calendarId: string;
}
const channels = async (): Promise<EmulatedChannel[]> =>
  (await control(calendar.emulator, 'GET', 'state')).channels;

const deliveries = async (channelId: string) =>
  (
    (await control(calendar.emulator, 'GET', 'notifications')).deliveries as {
      channelId: string;
      resourceState: string;
      status?: number;
    }[]
  ).filter((d) => d.channelId === channelId);

/** Pulls of this connection waiting in the job queue (pg-boss's table, read white-box). */
const queuedPulls = async (connectionId: string) =>
  Number(
    (
      await t.database.query(
        `select count(*)::int as n from pgboss.job where name = 'calendar.sync' and state = 'created' and singleton_key = $1`,
        [connectionId],
      )
    ).rows[0]!.n,
  );

let practices = 0;
async function watchedPractice(body?: { webhook_url: string }) {
  practices += 1;
  const email = `webhook${practices}@clinic.example`;
  const owner = await signUpOwner(t.app);
  expect(await calendar.connect(owner.client, email)).toContain('connected=google');
  const response = await owner.client.post('/api/calendar/setup-watch', body);
  expect(response.statusCode, response.body).toBe(200);
  const [watched] = response.json().data;
  // Connecting queued the calendar's first pull; it is taken out of the queue so that what a
  // notification queues (or does not) can be seen.
  await t.database.query(
    `delete from pgboss.job where name = 'calendar.sync' and state = 'created' and singleton_key = $1`,
    [watched.connectionId],
  );
  const channel = (await channels()).find((c) => c.id === watched.channelId)!;
  return { owner, email, watched, channel } as {
    owner: SignedUpOwner;
    email: string;
    watched: { connectionId: string; channelId: string; address: string; expiresAt: string };
    channel: EmulatedChannel;
  };
}

/** A notification as Google sends it (headers fixture), straight to the app. */
const notify = (headers: Record<string, string | undefined>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/calendar/webhook',
    headers: {
      'content-type': 'application/json; utf-8',
      'x-goog-resource-state': 'exists',
      'x-goog-message-number': '2',
      ...Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)),
    } as Record<string, string>,
  });

describe('connecting a calendar', () => {
  it('queues its first pull at once', async () => {
    const owner = await signUpOwner(t.app);
    expect(await calendar.connect(owner.client, 'first-pull@clinic.example')).toContain('connected=google');
    const [connection] = (await owner.client.get('/api/calendar')).json().data;
    expect(await queuedPulls(connection.id)).toBe(1);
  });
});

describe('setting up a push channel', () => {
  it('opens a channel on the calendar with a secret token that is kept sealed', async () => {
    const { watched, channel, email } = await watchedPractice();
    expect(watched.address).toBe(`${relay.url}/api/calendar/webhook`);
    expect(channel).toMatchObject({ calendarId: email, address: watched.address });
    expect(channel.token!.length).toBeGreaterThanOrEqual(32);
    const raw = JSON.stringify((await t.database.query('select * from calendar_connections')).rows);
    expect(raw).not.toContain(channel.token);
    // Google's first message ("sync") reached the app and was acknowledged; it asks for nothing.
    await calendar.flushNotifications();
    expect(await deliveries(channel.id)).toEqual([
      expect.objectContaining({ resourceState: 'sync', status: 200 }),
    ]);
    expect(await queuedPulls(watched.connectionId)).toBe(0);
  });

  it('delivers to the webhook_url it was given, and keeps it when the channel is renewed', async () => {
    const address = `${relay.url}/api/calendar/webhook?via=tunnel`;
    const { watched } = await watchedPractice({ webhook_url: address });
    expect(watched.address).toBe(address);

    // A week-long channel, six and a half days later: less than a day left, so it is replaced.
    const later = new Date(Date.now() + 6.5 * 86_400_000);
    expect(await renewExpiringWatches(t.calendar, later)).toMatchObject({ failed: 0 });

    const [row] = await t.database.db
      .select()
      .from(calendarConnections)
      .where(eq(calendarConnections.id, watched.connectionId));
    expect(row!.watchChannelId).not.toBe(watched.channelId);
    const live = await channels();
    expect(live.find((c) => c.id === watched.channelId)).toBeUndefined();
    expect(live.find((c) => c.id === row!.watchChannelId)).toMatchObject({ address });
  });

  it('stops the channel when the calendar is disconnected', async () => {
    const { owner, watched } = await watchedPractice();
    const response = await owner.client.delete(`/api/calendar?id=${watched.connectionId}`);
    expect(response.statusCode).toBe(200);
    expect((await channels()).find((c) => c.id === watched.channelId)).toBeUndefined();
  });
});

describe('receiving notifications', () => {
  it('queues one pull of the calendar for a burst of changes', async () => {
    const { email, watched, channel } = await watchedPractice();
    for (const hour of ['09:00', '10:00', '11:00']) {
      await calendar.create(email, {
        summary: `Meeting at ${hour}`,
        start: utcAt(30, hour),
        end: utcAt(30, hour.replace(':00', ':30')),
      });
    }
    await calendar.flushNotifications();
    const received = (await deliveries(channel.id)).filter((d) => d.resourceState === 'exists');
    expect(received.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(await queuedPulls(watched.connectionId)).toBe(1);
  });

  it.each([
    [
      'a wrong token',
      (c: EmulatedChannel) => ({ id: c.id, token: `${c.token!.slice(0, -1)}x`, resource: c.resourceId }),
    ],
    ['no token', (c: EmulatedChannel) => ({ id: c.id, token: undefined, resource: c.resourceId })],
    [
      'an unknown channel',
      (c: EmulatedChannel) => ({ id: `${c.id}-not-ours`, token: c.token, resource: c.resourceId }),
    ],
    [
      'another resource',
      (c: EmulatedChannel) => ({ id: c.id, token: c.token, resource: 'some-other-resource' }),
    ],
    ['no channel id', (c: EmulatedChannel) => ({ id: undefined, token: c.token, resource: c.resourceId })],
  ])('refuses a notification with %s and queues nothing', async (_case, forge) => {
    const { watched, channel } = await watchedPractice();
    const forged = forge(channel);
    const response = await notify({
      'x-goog-channel-id': forged.id,
      'x-goog-channel-token': forged.token,
      'x-goog-resource-id': forged.resource,
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('');
    expect(await queuedPulls(watched.connectionId)).toBe(0);
  });

  it("does not accept one practice's token on another practice's channel", async () => {
    const first = await watchedPractice();
    const second = await watchedPractice();
    const response = await notify({
      'x-goog-channel-id': second.channel.id,
      'x-goog-channel-token': first.channel.token,
      'x-goog-resource-id': second.channel.resourceId,
    });
    expect(response.statusCode).toBe(404);
    expect(await queuedPulls(second.watched.connectionId)).toBe(0);
    expect(await queuedPulls(first.watched.connectionId)).toBe(0);
  });

  it('refuses notifications on a channel that was replaced', async () => {
    const { watched, channel, owner } = await watchedPractice();
    expect((await owner.client.post('/api/calendar/setup-watch')).statusCode).toBe(200);
    const response = await notify({
      'x-goog-channel-id': channel.id,
      'x-goog-channel-token': channel.token,
      'x-goog-resource-id': channel.resourceId,
    });
    expect(response.statusCode).toBe(404);
    expect(await queuedPulls(watched.connectionId)).toBe(0);
  });
});
