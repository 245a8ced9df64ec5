import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { renewExpiringWatches } from '../../src/calendar/watch/renew-watches.ts';
import { appointments, calendarConnections, syncRuns } from '../../src/db/schema/index.ts';
import {
  assistantBooking,
  type CalendarHarness,
  type NotificationRelay,
  startMicrosoftHarness,
  startNotificationRelay,
  utcAt,
} from '../support/calendar-harness.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { control } from '../support/microsoft.ts';
import { createTestApp, type TestApp, testPublicUrl } from '../support/test-app.ts';

/**
 * Outlook push: Graph subscriptions on /me/events, validated by the handshake, renewed before
 * they expire, removed on disconnect, and the notifications they bring (change and lifecycle),
 * delivered by the emulator over real HTTP to the app (through a relay to `app.inject`).
 */
let calendar: CalendarHarness;
let relay: NotificationRelay;
let t: TestApp;

beforeAll(async () => {
  relay = await startNotificationRelay();
  calendar = await startMicrosoftHarness();
  t = await createTestApp({
    env: { ...calendar.env, PUBLIC_URL: relay.url, ALLOWED_ORIGINS: testPublicUrl },
  });
  relay.attach(t.app);
});
afterAll(async () => {
  await t?.close();
  await calendar?.close();
  await relay?.close();
});
afterEach(() => {
  vi.useRealTimers();
});

interface EmulatedSubscription {
  id: string;
  resource: string;
  changeType: string;
  clientState: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  expirationDateTime: string;
  isExpired: boolean;
}

const subscriptions = async (): Promise<EmulatedSubscription[]> =>
  (await control(calendar.emulator, 'GET', 'state')).subscriptions;

const deliveries = async (kind: 'validation' | 'change' | 'lifecycle', subscriptionId?: string) =>
  (await control(
    calendar.emulator,
    'GET',
    `notifications?kind=${kind}${subscriptionId ? `&subscriptionId=${subscriptionId}` : ''}`,
  )) as { url: string; status: number | null; responseBody: string | null; attempt: number }[];

const connectionOf = async (tenantId: string) =>
  (
    await t.database.db.select().from(calendarConnections).where(eq(calendarConnections.tenantId, tenantId))
  )[0]!;

const webhookRuns = (tenantId: string) =>
  t.database.db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.tenantId, tenantId), eq(syncRuns.trigger, 'webhook')));

const appointmentsOf = (tenantId: string) =>
  t.database.db.select().from(appointments).where(eq(appointments.tenantId, tenantId));

/** A practice whose owner connected `email` and asked for push notifications (spec 002 setup-watch). */
async function watchedPractice(
  email: string,
): Promise<SignedUpOwner & { subscription: EmulatedSubscription }> {
  const owner = await signUpOwner(t.app);
  expect(await calendar.connect(owner.client, email)).toContain('connected=microsoft');
  const response = await owner.client.post('/api/calendar/setup-watch');
  expect(response.statusCode, response.body).toBe(200);
  const [watched] = response.json().data;
  const subscription = (await subscriptions()).find((s) => s.id === watched.channelId);
  expect(subscription).toBeDefined();
  return { ...owner, subscription: subscription! };
}

/** Posts a notification body as Graph would, straight to the app. */
const notify = (path: string, value: unknown[]) =>
  t.app.inject({ method: 'POST', url: `/api/calendar/webhook/microsoft${path}`, payload: { value } });

describe('subscribing to an Outlook calendar', () => {
  it('subscribes to the mailbox events once both URLs pass the validation handshake, with a secret clientState', async () => {
    const owner = await watchedPractice('watch@clinic.example');
    expect(owner.subscription).toMatchObject({
      resource: 'me/events',
      changeType: 'created,updated,deleted',
      notificationUrl: `${relay.url}/api/calendar/webhook/microsoft`,
      lifecycleNotificationUrl: `${relay.url}/api/calendar/webhook/microsoft/lifecycle`,
      isExpired: false,
    });
    // Graph echoes the token back decoded ("Validation: Testing client application reachability…").
    const handshakes = await deliveries('validation');
    expect(handshakes.map((d) => d.url.split('?')[0])).toEqual(
      expect.arrayContaining([
        owner.subscription.notificationUrl,
        owner.subscription.lifecycleNotificationUrl,
      ]),
    );
    for (const handshake of handshakes) {
      expect(handshake.status).toBe(200);
      expect(handshake.responseBody).toBe(new URL(handshake.url).searchParams.get('validationToken'));
    }

    const row = await connectionOf(owner.tenantId);
    expect(row.watchChannelId).toBe(owner.subscription.id);
    expect(row.watchExpiresAt!.toISOString()).toBe(
      new Date(owner.subscription.expirationDateTime).toISOString(),
    );
    // The clientState is a secret: kept sealed, never in the clear.
    expect(owner.subscription.clientState.length).toBeGreaterThanOrEqual(32);
    const raw = JSON.stringify((await t.database.query('select * from calendar_connections')).rows);
    expect(raw).not.toContain(owner.subscription.clientState);
  });

  it('pulls the calendar when Outlook notifies a change, reading the time in the zone it was written in', async () => {
    const email = 'notified@clinic.example';
    const owner = await watchedPractice(email);
    await calendar.create(
      email,
      assistantBooking({ start: utcAt(9, '01:00'), end: utcAt(9, '01:45'), timeZone: 'Asia/Tokyo' }),
    );
    await calendar.flushNotifications();

    const changes = await deliveries('change', owner.subscription.id);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((d) => d.status === 202)).toBe(true);
    expect(await webhookRuns(owner.tenantId)).toMatchObject([{ status: 'succeeded' }]);
    const [booking] = await appointmentsOf(owner.tenantId);
    expect(booking).toMatchObject({ attendeeName: 'Jean Dupont', timezone: 'Asia/Tokyo' });
    expect(booking!.startTime.toISOString()).toBe(utcAt(9, '01:00'));
    expect(booking!.endTime.toISOString()).toBe(utcAt(9, '01:45'));
  });

  it('ignores notifications with a wrong clientState or for a subscription that is not ours', async () => {
    const email = 'forged@clinic.example';
    const owner = await watchedPractice(email);
    await calendar.seed(email, [assistantBooking({ start: utcAt(8, '09:00'), end: utcAt(8, '09:30') })]);
    const { id } = owner.subscription;
    const change = (subscriptionId: string, clientState: string) => ({
      subscriptionId,
      subscriptionExpirationDateTime: owner.subscription.expirationDateTime,
      changeType: 'created',
      resource: 'Users/x/Events/y',
      clientState,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });

    for (const forged of [
      change(id, 'not-the-secret'),
      change(id, ''),
      change('5e1a6a2c-0000-4000-8000-000000000000', owner.subscription.clientState),
    ]) {
      expect((await notify('', [forged])).statusCode).toBe(202);
    }
    const lifecycle = await notify('/lifecycle', [
      { subscriptionId: id, clientState: 'not-the-secret', lifecycleEvent: 'subscriptionRemoved' },
    ]);
    expect(lifecycle.statusCode).toBe(202);
    // A body that is not Graph's at all is no error either, and has no effect.
    expect((await notify('', ['nonsense', 42])).statusCode).toBe(202);

    expect(await webhookRuns(owner.tenantId)).toEqual([]);
    expect(await appointmentsOf(owner.tenantId)).toEqual([]);
    expect((await subscriptions()).find((s) => s.id === id)).toMatchObject({ isExpired: false });
    expect((await connectionOf(owner.tenantId)).watchChannelId).toBe(id);

    // The genuine one, for contrast.
    expect((await notify('', [change(id, owner.subscription.clientState)])).statusCode).toBe(202);
    expect(await appointmentsOf(owner.tenantId)).toHaveLength(1);
  });

  it('renews the subscription before it expires, and keeps receiving notifications past its first expiry', async () => {
    const email = 'renew@clinic.example';
    const owner = await watchedPractice(email);
    const firstExpiry = new Date(owner.subscription.expirationDateTime).getTime();
    const ctx = createCalendarContext(t.database.db, t.config, { sleep: async () => {} });

    // Two days later (the app's clock and the emulator's, both read from Date): less than a day left.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(firstExpiry - 20 * 3_600_000);
    const renewal = await renewExpiringWatches(ctx);
    expect(renewal.failed).toBe(0);
    expect(renewal.renewed).toBeGreaterThanOrEqual(1);
    const [renewed] = (await subscriptions()).filter((s) => s.id === owner.subscription.id);
    expect(new Date(renewed!.expirationDateTime).getTime()).toBeGreaterThan(firstExpiry + 24 * 3_600_000);
    expect((await connectionOf(owner.tenantId)).watchExpiresAt!.getTime()).toBe(
      new Date(renewed!.expirationDateTime).getTime(),
    );

    // Past the first expiry: the same subscription still delivers.
    vi.setSystemTime(firstExpiry + 3_600_000);
    await calendar.create(email, assistantBooking({ start: utcAt(7, '09:00'), end: utcAt(7, '09:30') }));
    await calendar.flushNotifications();
    expect(await appointmentsOf(owner.tenantId)).toHaveLength(1);
  });

  it('subscribes again when the subscription expired before anyone renewed it (the server was down)', async () => {
    const email = 'lapsed@clinic.example';
    const owner = await watchedPractice(email);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(owner.subscription.expirationDateTime).getTime() + 3_600_000);
    const ctx = createCalendarContext(t.database.db, t.config, { sleep: async () => {} });
    expect((await renewExpiringWatches(ctx)).failed).toBe(0);

    const row = await connectionOf(owner.tenantId);
    expect(row.watchChannelId).not.toBe(owner.subscription.id);
    expect((await subscriptions()).find((s) => s.id === row.watchChannelId)).toMatchObject({
      isExpired: false,
    });
    await calendar.create(email, assistantBooking({ start: utcAt(7, '11:00'), end: utcAt(7, '11:30') }));
    await calendar.flushNotifications();
    expect(await appointmentsOf(owner.tenantId)).toHaveLength(1);
  });

  it('removes the subscription when the calendar is disconnected', async () => {
    const owner = await watchedPractice('leaving@clinic.example');
    const response = await owner.client.delete(`/api/calendar?id=${(await connectionOf(owner.tenantId)).id}`);
    expect(response.statusCode).toBe(200);
    expect((await subscriptions()).map((s) => s.id)).not.toContain(owner.subscription.id);
  });
});

describe('lifecycle notifications', () => {
  const lifecycle = async (subscriptionId: string, lifecycleEvent: string) => {
    await control(calendar.emulator, 'POST', `subscriptions/${subscriptionId}/lifecycle`, { lifecycleEvent });
    await calendar.flushNotifications();
    const sent = await deliveries('lifecycle', subscriptionId);
    expect(sent.at(-1)).toMatchObject({ status: 202, attempt: 1 });
  };

  it('renews the subscription when Graph asks for reauthorization', async () => {
    const owner = await watchedPractice('reauth@clinic.example');
    const before = new Date(owner.subscription.expirationDateTime).getTime();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    await lifecycle(owner.subscription.id, 'reauthorizationRequired');
    const [after] = (await subscriptions()).filter((s) => s.id === owner.subscription.id);
    expect(new Date(after!.expirationDateTime).getTime()).toBeGreaterThan(before);
    expect((await connectionOf(owner.tenantId)).watchChannelId).toBe(owner.subscription.id);
  });

  it('subscribes again and catches up when Graph removed the subscription', async () => {
    const email = 'removed@clinic.example';
    const owner = await watchedPractice(email);
    // A booking made while nobody was listening.
    await calendar.seed(email, [assistantBooking({ start: utcAt(6, '09:00'), end: utcAt(6, '09:30') })]);
    await lifecycle(owner.subscription.id, 'subscriptionRemoved');

    const row = await connectionOf(owner.tenantId);
    expect(row.watchChannelId).not.toBe(owner.subscription.id);
    const live = await subscriptions();
    expect(live.map((s) => s.id)).toContain(row.watchChannelId);
    expect(live.map((s) => s.id)).not.toContain(owner.subscription.id);
    expect(await appointmentsOf(owner.tenantId)).toHaveLength(1);

    // The new subscription works.
    await calendar.create(email, assistantBooking({ start: utcAt(6, '11:00'), end: utcAt(6, '11:30') }));
    await calendar.flushNotifications();
    expect(await appointmentsOf(owner.tenantId)).toHaveLength(2);
  });

  it('catches up when Graph says notifications were missed, keeping the subscription', async () => {
    const email = 'missed@clinic.example';
    const owner = await watchedPractice(email);
    await calendar.seed(email, [assistantBooking({ start: utcAt(5, '09:00'), end: utcAt(5, '09:30') })]);
    await lifecycle(owner.subscription.id, 'missed');
    expect(await appointmentsOf(owner.tenantId)).toHaveLength(1);
    expect((await connectionOf(owner.tenantId)).watchChannelId).toBe(owner.subscription.id);
  });
});
