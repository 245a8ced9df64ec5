import path from 'node:path';
import Fastify from 'fastify';
import { Client } from 'lago-javascript-client';
import { startLagoEmulator } from '../../../emulators/lago/server.ts';
import type { WebhookDelivery } from '../../../emulators/lago/webhooks.ts';
import type { RunningEmulator } from '../../../emulators/shared/listen.ts';

/** Where the recorded provider payloads live: beside the repository, never an absolute path. */
export const fixturesDir = path.resolve(import.meta.dirname, '../../../../shared/providers/fixtures');

export const API_KEY = 'test-api-key';
export const HMAC_KEY = 'test-hmac-key';

/** What points the app at a Lago emulator (or a network in front of it) on `url`, HMAC-signed webhooks. */
export const appLagoEnv = (url: string) => ({
  LAGO_API_URL: `${url}/api/v1`,
  LAGO_API_KEY: API_KEY,
  LAGO_WEBHOOK_SECRET: HMAC_KEY,
});

export interface LagoHarness {
  emulator: RunningEmulator;
  client: ReturnType<typeof Client>;
  control: <T = unknown>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown) => Promise<T>;
  /** The delivery log, optionally of one webhook type. */
  deliveries: (type?: string) => Promise<WebhookDelivery[]>;
  /** Attempts every due delivery now, so a test never waits for the background sender. */
  flush: () => Promise<{ pending: number; succeeded: number; failed: number }>;
  advanceClock: (ms: number) => Promise<void>;
}

export async function startHarness(
  options: { webhookTimeoutMs?: number; checkoutSuccessUrl?: string } = {},
): Promise<LagoHarness> {
  const emulator = await startLagoEmulator({ apiKey: API_KEY, hmacKey: HMAC_KEY, ...options });
  const client = Client(API_KEY, { baseUrl: `${emulator.url}/api/v1` });
  const control = async <T = unknown>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}/__emulator${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    emulator,
    client,
    control,
    deliveries: (type) => control('GET', `/webhooks${type ? `?type=${type}` : ''}`),
    flush: () => control('POST', '/webhooks/flush'),
    advanceClock: async (ms) => {
      await control('POST', '/clock', { advanceMs: ms });
    },
  };
}

export interface ReceivedWebhook {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: what a signature must be checked against. */
  rawBody: string;
}

/** A webhook receiver that records every request and answers with the next scripted status. */
export async function startReceiver() {
  const received: ReceivedWebhook[] = [];
  let scriptedStatuses: number[] = [];
  let gate: Promise<void> | undefined;
  const app = Fastify();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.post('/lago', async (request, reply) => {
    received.push({ headers: request.headers, rawBody: request.body as string });
    if (gate) await gate;
    return reply.code(scriptedStatuses.shift() ?? 200).send('');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/lago`,
    received,
    /** The next answers, in order; 200 once they run out. */
    answerWith: (...statuses: number[]) => {
      scriptedStatuses = statuses;
    },
    /** Holds every answer until the returned function is called. */
    hold: () => {
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return release;
    },
    ofType: (type: string) => received.filter((hook) => JSON.parse(hook.rawBody).webhook_type === type),
    clear: () => {
      received.length = 0;
      scriptedStatuses = [];
      gate = undefined;
    },
    close: () => app.close(),
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Creates what a one-off invoice needs: an add-on and a customer. */
export async function seedCustomerAndAddOn(harness: LagoHarness, externalId = 'cust-1') {
  await harness.control('POST', '/add-ons', {
    code: 'appointment',
    name: 'Appointment',
    amount_cents: 4500,
    amount_currency: 'EUR',
  });
  await harness.client.customers.createCustomer({
    customer: { external_id: externalId, name: 'Ada Lovelace', email: 'ada@example.test', currency: 'EUR' },
  });
}

/** The official client throws the Response; its parsed body is on `.error`. */
export async function rejectionOf(call: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await call;
  } catch (failure) {
    const response = failure as { status: number; error: unknown };
    return { status: response.status, body: response.error };
  }
  throw new Error('expected the call to fail');
}
