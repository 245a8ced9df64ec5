import type { calendar_v3 } from '@googleapis/calendar';
import Fastify from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulators/shared/listen.ts';
import { calendarApi, controlApi, signIn, startEmulator, timedEvent } from './support.ts';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let emulator: RunningEmulator;
let control: ReturnType<typeof controlApi>;
let api: calendar_v3.Calendar;
const receiver = Fastify();
let received: Received[] = [];
let receiverUrl: string;

beforeAll(async () => {
  emulator = await startEmulator();
  control = controlApi(emulator.url);
  // Google posts an empty body labelled application/json: the receiver must take it as is.
  receiver.removeContentTypeParser('application/json');
  receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  receiver.post('/hooks/google', async (request, reply) => {
    received.push({ headers: request.headers, body: String(request.body ?? '') });
    return reply.code(200).send();
  });
  receiverUrl = `${await receiver.listen({ port: 0, host: '127.0.0.1' })}/hooks/google`;
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});
beforeEach(async () => {
  await control.post('/reset');
  received = [];
  const { client } = await signIn(emulator.url, 'ann@example.com');
  api = calendarApi(emulator.url, client);
});

const flush = () => control.post('/notifications/flush');

async function watch(id = 'channel-1', extra: Partial<calendar_v3.Schema$Channel> = {}) {
  const requestBody = { id, type: 'web_hook', address: receiverUrl, token: 'tenant=t1', ...extra };
  return (await api.events.watch({ calendarId: 'primary', requestBody })).data;
}

describe('events.watch', () => {
  it('answers with the channel: kind, ids, resourceUri, token and expiration as an int64 string', async () => {
    const channel = await watch('channel-1', { expiration: String(Date.now() + 3600_000) });
    expect(channel).toMatchObject({ kind: 'api#channel', id: 'channel-1', token: 'tenant=t1' });
    expect(channel.resourceUri).toBe(
      `${emulator.url}/calendar/v3/calendars/ann%40example.com/events?alt=json`,
    );
    expect(typeof channel.expiration).toBe('string');
    // resourceId identifies the watched calendar, so a second channel on it shares it.
    expect((await watch('channel-2')).resourceId).toBe(channel.resourceId);
  });

  it('sends the sync message first, then an exists message with the X-Goog headers on each change', async () => {
    const channel = await watch();
    await flush();
    expect(received).toHaveLength(1);
    expect(received[0]!.headers).toMatchObject({
      'x-goog-channel-id': 'channel-1',
      'x-goog-channel-token': 'tenant=t1',
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': channel.resourceUri,
      'x-goog-resource-state': 'sync',
      'x-goog-message-number': '1',
    });
    expect(received[0]!.headers['x-goog-channel-expiration']).toBe(
      new Date(Number(channel.expiration)).toUTCString(),
    );
    expect(received[0]!.body).toBe('');

    await api.events.insert({ calendarId: 'primary', requestBody: timedEvent('2030-01-01T10:00:00Z', 30) });
    await control.post('/calendars/ann@example.com/events', timedEvent('2030-01-02T10:00:00Z', 30));
    await flush();
    expect(
      received.map((r) => [r.headers['x-goog-resource-state'], r.headers['x-goog-message-number']]),
    ).toEqual([
      ['sync', '1'],
      ['exists', '2'],
      ['exists', '3'],
    ]);
    const log = (await control.get('/notifications')).body.deliveries;
    expect(log.map((d: { status: number }) => d.status)).toEqual([200, 200, 200]);
  });

  it('refuses a channel id already in use', async () => {
    await watch('dup');
    const error = await api.events
      .watch(
        { calendarId: 'primary', requestBody: { id: 'dup', type: 'web_hook', address: receiverUrl } },
        { retry: false },
      )
      .catch((e) => e);
    expect(error.status).toBe(400);
  });

  it('refuses a plain-http address that is not on this machine, as Google does', async () => {
    const error = await api.events
      .watch(
        {
          calendarId: 'primary',
          requestBody: { id: 'plain', type: 'web_hook', address: 'http://clinic.example/notify' },
        },
        { retry: false },
      )
      .catch((e) => e);
    expect(error.status).toBe(400);
    expect(error.response.data.error.errors[0]).toMatchObject({
      reason: 'push.webhookUrlNotHttps',
      message: 'WebHook callback must be HTTPS: http://clinic.example/notify',
    });
  });

  it('stops delivering once the channel expires on the emulator clock', async () => {
    await watch('short', { params: { ttl: '60' } });
    await control.post('/clock', { advanceMs: 61_000 });
    await control.post('/calendars/ann@example.com/events', timedEvent('2030-01-02T10:00:00Z', 30));
    await flush();
    expect(received.map((r) => r.headers['x-goog-resource-state'])).toEqual(['sync']);
  });
});

describe('channels.stop', () => {
  it('answers 204 and no message follows; stopping again is 404', async () => {
    const channel = await watch();
    const stopped = await api.channels.stop({
      requestBody: { id: channel.id, resourceId: channel.resourceId },
    });
    expect(stopped.status).toBe(204);
    await control.post('/calendars/ann@example.com/events', timedEvent('2030-01-02T10:00:00Z', 30));
    await flush();
    expect(received.map((r) => r.headers['x-goog-resource-state'])).toEqual(['sync']);
    const again = await api.channels
      .stop({ requestBody: { id: channel.id, resourceId: channel.resourceId } }, { retry: false })
      .catch((e) => e);
    expect(again.status).toBe(404);
  });
});
