import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  graphClient,
  type Json,
  seedUser,
  signIn,
  startReceiver,
  startTestEmulator,
  type TestEmulator,
} from './support.ts';

let emulator: TestEmulator;
let client: Client;
let user: { id: string; tenantId: string };
let receiver: Awaited<ReturnType<typeof startReceiver>>;

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const subscriptionBody = (extra: Record<string, unknown> = {}) => ({
  changeType: 'created,updated,deleted',
  notificationUrl: `${receiver.url}/graph/notifications`,
  lifecycleNotificationUrl: `${receiver.url}/graph/lifecycle`,
  resource: '/me/events',
  expirationDateTime: inMinutes(60),
  clientState: 'secret-client-state',
  ...extra,
});
const event = {
  subject: 'Notified',
  start: { dateTime: '2026-01-20T10:00:00', timeZone: 'UTC' },
  end: { dateTime: '2026-01-20T11:00:00', timeZone: 'UTC' },
};
/** Change notifications only (validation requests carry `?validationToken=`). */
const notifications = () => receiver.received.filter((r) => r.url === '/graph/notifications');

beforeAll(async () => {
  emulator = await startTestEmulator();
  receiver = await startReceiver();
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});
beforeEach(async () => {
  await emulator.control('POST', '/__emulator/reset');
  receiver.received.length = 0;
  user = await seedUser(emulator);
  client = graphClient(emulator, (await signIn(emulator)).access_token);
});

describe('subscriptions: creation handshake', () => {
  it('validates both URLs with a text/plain validationToken POST before answering 201', async () => {
    const created: Json = await client.api('/subscriptions').post(subscriptionBody());
    const validations = receiver.received.filter((r) => r.query.validationToken !== undefined);
    expect(validations.map((r) => r.url.split('?')[0])).toEqual(['/graph/notifications', '/graph/lifecycle']);
    expect(validations[0].headers['content-type']).toMatch(/^text\/plain/);
    expect(validations[0].query.validationToken).toMatch(
      /^Validation: Testing client application reachability/,
    );
    expect(created).toMatchObject({
      resource: 'me/events',
      changeType: 'created,updated,deleted',
      clientState: 'secret-client-state',
      applicationId: 'rendezvous-dev-ms',
      creatorId: user.id,
      latestSupportedTlsVersion: 'v1_2',
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('fails with 400 when the receiver does not echo the token', async () => {
    const rude = await startReceiver(() => ({ status: 200, body: 'hello' }));
    try {
      const error: Json = await client
        .api('/subscriptions')
        .post(subscriptionBody({ notificationUrl: `${rude.url}/hook`, lifecycleNotificationUrl: undefined }))
        .catch((e) => e);
      expect(error.statusCode).toBe(400);
      expect(error.message).toMatch(/^Subscription validation request failed/);
      const list: Json = await client.api('/subscriptions').get();
      expect(list.value).toEqual([]);
    } finally {
      await rude.close();
    }
  });

  it('refuses a plain-http notification URL outside loopback, as Graph does', async () => {
    await expect(
      client.api('/subscriptions').post(
        subscriptionBody({
          notificationUrl: 'http://rendezvous.example/hook',
          lifecycleNotificationUrl: undefined,
        }),
      ),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'InvalidRequest',
      message: "NotificationUrl scheme='http' is not supported.",
    });
    const list: Json = await client.api('/subscriptions').get();
    expect(list.value).toEqual([]);
  });

  it('refuses an expiration beyond 4230 minutes for Outlook events', async () => {
    await expect(
      client.api('/subscriptions').post(subscriptionBody({ expirationDateTime: inMinutes(4231) })),
    ).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('4230 minutes') });
  });
});

describe('subscriptions: change notifications', () => {
  it('POSTs created/updated/deleted notifications carrying clientState, without delaying the API', async () => {
    const subscription: Json = await client.api('/subscriptions').post(subscriptionBody());
    const created: Json = await client.api('/me/events').post(event);
    const updated: Json = await client.api(`/me/events/${created.id}`).patch({ subject: 'Moved' });
    await client.api(`/me/events/${created.id}`).delete();
    await emulator.control('POST', '/__emulator/notifications/flush');

    const bodies = notifications().map((r) => r.body.value[0]);
    expect(bodies.map((n: Json) => n.changeType)).toEqual(['created', 'updated', 'deleted']);
    expect(bodies[1]).toEqual({
      subscriptionId: subscription.id,
      subscriptionExpirationDateTime: subscription.expirationDateTime,
      changeType: 'updated',
      resource: `Users/${user.id}/Events/${created.id}`,
      resourceData: {
        '@odata.type': '#Microsoft.Graph.Event',
        '@odata.id': `Users/${user.id}/Events/${created.id}`,
        '@odata.etag': updated['@odata.etag'],
        id: created.id,
      },
      clientState: 'secret-client-state',
      tenantId: user.tenantId,
    });
  });

  it('notifies for edits made in Outlook (control API) too', async () => {
    await client.api('/subscriptions').post(subscriptionBody({ changeType: 'created' }));
    await emulator.control('POST', `/__emulator/users/${user.id}/events`, event);
    await emulator.control('POST', '/__emulator/notifications/flush');
    expect(notifications()).toHaveLength(1);
  });

  it('retries a receiver answering 500 a bounded number of times and records each attempt', async () => {
    const flaky = await startReceiver((r) =>
      r.query.validationToken !== undefined
        ? { status: 200, body: r.query.validationToken }
        : { status: 500 },
    );
    try {
      const s: Json = await client
        .api('/subscriptions')
        .post(
          subscriptionBody({ notificationUrl: `${flaky.url}/hook`, lifecycleNotificationUrl: undefined }),
        );
      await client.api('/me/events').post(event);
      await emulator.control('POST', '/__emulator/notifications/flush');
      const log: Json[] = await emulator.control(
        'GET',
        `/__emulator/notifications?subscriptionId=${s.id}&kind=change`,
      );
      expect(log.map((d) => [d.attempt, d.status])).toEqual([
        [1, 500],
        [2, 500],
        [3, 500],
      ]);
    } finally {
      await flaky.close();
    }
  });

  it('stops delivering once the subscription expired on the emulator clock', async () => {
    await client.api('/subscriptions').post(subscriptionBody({ expirationDateTime: inMinutes(10) }));
    await emulator.control('POST', '/__emulator/clock', { advanceMs: 11 * 60_000 });
    await emulator.control('POST', `/__emulator/users/${user.id}/events`, event);
    await emulator.control('POST', '/__emulator/notifications/flush');
    expect(notifications()).toHaveLength(0);
    expect((await client.api('/subscriptions').get()).value).toEqual([]);
  });
});

describe('subscriptions: renew, delete, lifecycle', () => {
  it('PATCH renews the expiration (200), DELETE answers 204 and notifications stop', async () => {
    const s: Json = await client.api('/subscriptions').post(subscriptionBody());
    const renewed: Json = await client
      .api(`/subscriptions/${s.id}`)
      .patch({ expirationDateTime: inMinutes(4000) });
    expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThan(Date.parse(s.expirationDateTime));
    await client.api(`/subscriptions/${s.id}`).delete();
    await expect(client.api(`/subscriptions/${s.id}`).get()).rejects.toMatchObject({ statusCode: 404 });
    await client.api('/me/events').post(event);
    await emulator.control('POST', '/__emulator/notifications/flush');
    expect(notifications()).toHaveLength(0);
  });

  it('sends lifecycle notifications; subscriptionRemoved also removes the subscription', async () => {
    const s: Json = await client.api('/subscriptions').post(subscriptionBody());
    await emulator.control('POST', `/__emulator/subscriptions/${s.id}/lifecycle`, {
      lifecycleEvent: 'reauthorizationRequired',
    });
    await emulator.control('POST', `/__emulator/subscriptions/${s.id}/lifecycle`, {
      lifecycleEvent: 'subscriptionRemoved',
    });
    await emulator.control('POST', '/__emulator/notifications/flush');
    const lifecycle = receiver.received
      .filter((r) => r.url === '/graph/lifecycle')
      .map((r) => r.body.value[0]);
    expect(lifecycle.map((n: Json) => n.lifecycleEvent)).toEqual([
      'reauthorizationRequired',
      'subscriptionRemoved',
    ]);
    expect(lifecycle[0]).toMatchObject({
      subscriptionId: s.id,
      clientState: 'secret-client-state',
      tenantId: user.tenantId,
    });
    expect((await client.api('/subscriptions').get()).value).toEqual([]);
  });
});
