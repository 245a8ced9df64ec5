import { createHmac, generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jwtSignature, webhookKeys } from '../../emulators/lago/signing.ts';
import type { WebhookDelivery } from '../../emulators/lago/webhooks.ts';
import { createBillingContext } from '../../src/billing/billing-context.ts';
import { payAppointment } from '../../src/billing/pay-appointment.ts';
import { lagoCustomerProviderErrors } from '../../src/db/schema/index.ts';
import { startFlakyNetwork } from '../emulators/lago/flaky-network.ts';
import {
  API_KEY,
  appLagoEnv,
  HMAC_KEY,
  type LagoHarness,
  type Receiver,
  startHarness,
  startReceiver,
} from '../emulators/lago/support.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Webhooks come from the Lago emulator itself: it signs them as Lago does and posts them to the
 * app, which listens on a port. The refused cases take a genuine signed delivery and tamper with it.
 */

let lago: LagoHarness;
let t: TestApp;
let webhookUrl: string;
let owner: SignedUpOwner;
let client: { client: TestClient; userId: string };

beforeAll(async () => {
  lago = await startHarness();
  t = await createTestApp({
    env: appLagoEnv(lago.emulator.url),
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  webhookUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/lago-webhook`;
  owner = await signUpOwner(t.app);
  client = await addMember(t.app, owner.client, 'client', 'Ada Lovelace');
});
afterAll(async () => {
  await t.close();
  await lago.emulator.close();
});

/** Registers a Lago webhook endpoint; returns how to remove it. */
async function addWebhookEndpoint(url: string, signatureAlgo: 'hmac' | 'jwt') {
  const { lago_id } = await lago.control<{ lago_id: string }>('POST', '/webhook-endpoints', {
    url,
    signatureAlgo,
  });
  return async () => {
    await fetch(`${lago.emulator.url}/api/v1/webhook_endpoints/${lago_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
  };
}

/** Lago posts to the app, signing with `signatureAlgo`, for the duration of a describe block. */
function useWebhookEndpoint(signatureAlgo: 'hmac' | 'jwt') {
  let remove = async () => {};
  beforeAll(async () => {
    remove = await addWebhookEndpoint(webhookUrl, signatureAlgo);
  });
  afterAll(() => remove());
}

let slot = 0;
/** A paid appointment (50 €) of the client, this month so that the month's statistics count it. */
async function book(title = 'Consultation') {
  slot += 1;
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1 + (slot % 27), slot % 24));
  const r = await owner.client.post('/api/appointments', {
    title,
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 30 * 60_000).toISOString(),
    type: 'paid',
    price: 5000,
    currency: 'EUR',
    userId: client.userId,
  });
  expect(r.statusCode).toBe(201);
  return r.json().data.id as string;
}

async function pay(appointmentId: string): Promise<string> {
  const r = await client.client.post(`/api/appointments/${appointmentId}/pay`);
  expect(r.statusCode).toBe(200);
  return r.json().data.invoiceId;
}

/** What the payment provider tells Lago; Lago then sends its webhooks, delivered before this returns. */
async function lagoReportsPayment(invoiceId: string, status: 'succeeded' | 'failed') {
  await lago.control('POST', `/invoices/${invoiceId}/payment`, { status });
  await lago.flush();
}

const appointment = async (id: string) => (await owner.client.get(`/api/appointments/${id}`)).json().data;
const history = async (id: string) => (await owner.client.get(`/api/appointments/${id}/history`)).json().data;
const stats = async () =>
  (await owner.client.post('/api/admin/appointments', { action: 'stats' })).json().data;

/** The webhook Lago sent about an invoice (the latest of that type). */
async function deliveryOf(type: string, invoiceId: string): Promise<WebhookDelivery> {
  const found = (await lago.deliveries(type)).filter((d) => d.body.includes(invoiceId)).at(-1);
  if (!found) throw new Error(`no ${type} webhook about ${invoiceId}`);
  return found;
}

/** Posts a (possibly tampered) delivery to the app as Lago would. */
function deliver(
  delivery: WebhookDelivery,
  changes: { body?: string; headers?: Record<string, string | undefined> } = {},
) {
  const headers = Object.fromEntries(
    Object.entries({ ...delivery.headers, ...changes.headers }).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return t.app.inject({
    method: 'POST',
    url: '/api/lago-webhook',
    headers,
    payload: changes.body ?? delivery.body,
  });
}

describe('HMAC-signed webhooks', () => {
  useWebhookEndpoint('hmac');

  it('a payment Lago reports marks the appointment paid, audited as the system, and counts as revenue', async () => {
    const before = await stats();
    const id = await book('Check-up <Smith & Co>');
    const invoiceId = await pay(id);
    await lago.flush();
    const owed = await stats();
    expect(owed.unpaidAmount - before.unpaidAmount).toBe(5000);
    expect(owed.unpaidAppointments - before.unpaidAppointments).toBe(1);

    await lagoReportsPayment(invoiceId, 'succeeded');

    const delivery = await deliveryOf('invoice.payment_status_updated', invoiceId);
    expect(delivery.headers['X-Lago-Signature-Algorithm']).toBe('hmac');
    expect(delivery.attempts.map((a) => a.receiverStatus)).toEqual([200]);
    expect(await appointment(id)).toMatchObject({
      isPaid: true,
      paymentStatus: 'succeeded',
      lagoInvoiceId: invoiceId,
    });
    expect((await history(id)).at(-1)).toMatchObject({
      action: 'updated',
      actorType: 'system',
      actorId: 'lago',
      before: { isPaid: false },
      after: { isPaid: true, paymentStatus: 'succeeded' },
    });
    const after = await stats();
    expect(after.paidAppointments - before.paidAppointments).toBe(1);
    expect(after.totalRevenue - before.totalRevenue).toBe(5000);
    expect(after.unpaidAmount).toBe(before.unpaidAmount);
    expect(after.unpaidAppointments).toBe(before.unpaidAppointments);
    const payments = (await client.client.get('/api/payments')).json().data;
    expect(payments.find((p: { appointmentId: string }) => p.appointmentId === id)).toMatchObject({
      isPaid: true,
      paymentStatus: 'succeeded',
      canPay: false,
    });
    const again = await client.client.post(`/api/appointments/${id}/pay`);
    expect(again.json().error.code).toBe('ALREADY_PAID');
  });

  it('a replayed webhook is acknowledged and has no second effect', async () => {
    const id = await book();
    const invoiceId = await pay(id);
    await lagoReportsPayment(invoiceId, 'succeeded');
    const settled = await appointment(id);
    const events = (await history(id)).length;
    const delivery = await deliveryOf('invoice.payment_status_updated', invoiceId);

    const replay = await lago.control<{ receiverStatus: number }>('POST', `/webhooks/${delivery.id}/replay`);
    const again = await deliver(delivery);

    expect(replay.receiverStatus).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json().data).toEqual({ outcome: 'duplicate' });
    expect(await appointment(id)).toEqual(settled);
    expect(await history(id)).toHaveLength(events);
  });

  it('a failed payment shows as failed, not paid', async () => {
    const id = await book();
    const invoiceId = await pay(id);

    await lagoReportsPayment(invoiceId, 'failed');

    expect((await deliveryOf('invoice.payment_failure', invoiceId)).attempts[0]?.receiverStatus).toBe(200);
    expect(await appointment(id)).toMatchObject({ isPaid: false, paymentStatus: 'failed' });
    const payments = (await client.client.get('/api/payments')).json().data;
    expect(payments.find((p: { appointmentId: string }) => p.appointmentId === id)).toMatchObject({
      paymentStatus: 'failed',
      canPay: true,
    });
  });

  it('a payment taken at the desk stays paid when Lago later reports a failed attempt on the invoice', async () => {
    const id = await book();
    const invoiceId = await pay(id);
    await lago.flush();
    expect((await owner.client.put(`/api/appointments/${id}`, { isPaid: true })).statusCode).toBe(200);
    await lago.flush();
    await lago.advanceClock(60_000);

    await lagoReportsPayment(invoiceId, 'failed');

    expect((await deliveryOf('invoice.payment_failure', invoiceId)).attempts[0]?.receiverStatus).toBe(200);
    expect(await appointment(id)).toMatchObject({ isPaid: true, paymentStatus: 'failed' });
    // Marked by the practice, so the practice may still take its mark back.
    const undone = await owner.client.put(`/api/appointments/${id}`, { isPaid: false });
    expect(undone.statusCode).toBe(200);
    // …and Lago is told the invoice is open again.
    expect(undone.json().data).toMatchObject({ isPaid: false, paymentStatus: 'pending' });
  });

  it('refuses staff undoing a payment Lago reported (409 INVALID_STATE), which stays paid', async () => {
    const id = await book();
    const invoiceId = await pay(id);
    await lagoReportsPayment(invoiceId, 'succeeded');
    const events = (await history(id)).length;

    const r = await owner.client.put(`/api/appointments/${id}`, { isPaid: false });

    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('INVALID_STATE');
    expect(await appointment(id)).toMatchObject({ isPaid: true, paymentStatus: 'succeeded' });
    expect(await history(id)).toHaveLength(events);
  });

  it('an older webhook delivered late does not undo a payment', async () => {
    const id = await book();
    const invoiceId = await pay(id);
    await lago.flush();
    await lago.advanceClock(60_000);
    await lagoReportsPayment(invoiceId, 'succeeded');
    const created = await deliveryOf('invoice.one_off_created', invoiceId);

    // The same signed body under a new key: a late delivery, or someone replaying it.
    const late = await deliver(created, { headers: { 'X-Lago-Unique-Key': crypto.randomUUID() } });

    expect(late.json().data).toEqual({ outcome: 'ignored' });
    expect(await appointment(id)).toMatchObject({ isPaid: true, paymentStatus: 'succeeded' });
  });

  it('records the invoice from Lago’s webhook when the answer to its creation was lost', async () => {
    const id = await book();
    // A pay request whose connection to Lago is cut after Lago created the invoice.
    const network = await startFlakyNetwork(lago.emulator.url);
    const cutOff = createBillingContext(t.database.db, {
      LAGO_API_URL: `${network.url}/api/v1`,
      LAGO_API_KEY: API_KEY,
    });
    network.loseAnswerTo('POST', '/api/v1/invoices');
    const member = { userId: client.userId, tenantId: owner.tenantId, role: 'client' as const };
    const lost = await payAppointment(cutOff, member, id).catch((error) => error);
    await network.close();
    expect(lost.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');

    // The only news of the invoice is Lago's webhook (sent in the background, flushed here).
    await lago.flush();

    const created = await deliveryOf('invoice.one_off_created', id);
    const invoiceId = JSON.parse(created.body).invoice.lago_id;
    expect(await appointment(id)).toMatchObject({ lagoInvoiceId: invoiceId, paymentStatus: 'pending' });
    const listsBefore = (await lago.control<{ requestCounts: Record<string, number> }>('GET', '/state'))
      .requestCounts['GET /api/v1/invoices'];
    const again = await client.client.post(`/api/appointments/${id}/pay`);
    expect(again.json().data.invoiceId).toBe(invoiceId);
    const state = await lago.control<{ requestCounts: Record<string, number> }>('GET', '/state');
    expect(state.requestCounts['GET /api/v1/invoices']).toBe(listsBefore);
  });

  it('acknowledges and ignores a webhook about an invoice Rendezvous did not create', async () => {
    await lago.control('POST', '/add-ons', { code: 'elsewhere', amount_cents: 100, amount_currency: 'EUR' });
    await lago.client.customers.createCustomer({ customer: { external_id: 'not-ours', name: 'Other' } });
    const { data } = await lago.client.invoices.createInvoice({
      invoice: { external_customer_id: 'not-ours', currency: 'EUR', fees: [{ add_on_code: 'elsewhere' }] },
    });
    await lagoReportsPayment(data.invoice.lago_id, 'succeeded');

    const delivery = await deliveryOf('invoice.payment_status_updated', data.invoice.lago_id);
    expect(delivery.attempts[0]?.receiverStatus).toBe(200);
    const fresh = await deliver(delivery, { headers: { 'X-Lago-Unique-Key': crypto.randomUUID() } });
    expect(fresh.json().data).toEqual({ outcome: 'ignored' });
  });

  it('records a provider’s refusal of an invoiced client, its error given as text, and forgets it once registered', async () => {
    await pay(await book('Refused'));
    const customerId = `rdv_${owner.tenantId}_user_${client.userId}`;
    // Signed with the organization's HMAC key, as Lago signs (lago-openapi customerPaymentProviderError).
    const post = (body: object) => {
      const raw = JSON.stringify({ organization_id: crypto.randomUUID(), ...body });
      return t.app.inject({
        method: 'POST',
        url: '/api/lago-webhook',
        headers: {
          'content-type': 'application/json',
          'X-Lago-Signature-Algorithm': 'hmac',
          'X-Lago-Signature': createHmac('sha256', HMAC_KEY).update(raw).digest('base64'),
          'X-Lago-Unique-Key': crypto.randomUUID(),
        },
        payload: raw,
      });
    };
    const refusals = async () =>
      (await t.database.db.select().from(lagoCustomerProviderErrors)).filter(
        (row) => row.customerExternalId === customerId,
      );

    const refused = await post({
      webhook_type: 'customer.payment_provider_error',
      object_type: 'payment_provider_customer_error',
      payment_provider_customer_error: {
        lago_customer_id: crypto.randomUUID(),
        external_customer_id: customerId,
        payment_provider: 'stripe',
        payment_provider_code: 'stripe_eu',
        provider_error: 'Your account cannot currently make live charges.',
      },
    });

    expect(refused.statusCode).toBe(200);
    expect(refused.json().data).toEqual({ outcome: 'applied' });
    expect(await refusals()).toMatchObject([
      {
        tenantId: owner.tenantId,
        message: 'Your account cannot currently make live charges.',
        errorCode: null,
      },
    ]);
    const registered = await post({
      webhook_type: 'customer.payment_provider_created',
      object_type: 'customer',
      customer: { lago_id: crypto.randomUUID(), external_id: customerId },
    });
    expect(registered.json().data).toEqual({ outcome: 'applied' });
    expect(await refusals()).toEqual([]);
  });
});

describe('JWT-signed webhooks', () => {
  useWebhookEndpoint('jwt');

  it('a JWT-signed payment webhook marks the appointment paid; Lago’s public key is fetched once', async () => {
    const keyFetches = async () =>
      (await lago.control<{ requestCounts: Record<string, number> }>('GET', '/state')).requestCounts[
        'GET /api/v1/webhooks/public_key'
      ] ?? 0;
    const id = await book();
    const invoiceId = await pay(id);

    await lagoReportsPayment(invoiceId, 'succeeded');

    const delivery = await deliveryOf('invoice.payment_status_updated', invoiceId);
    expect(delivery.headers['X-Lago-Signature-Algorithm']).toBe('jwt');
    expect(delivery.attempts[0]?.receiverStatus).toBe(200);
    expect((await deliveryOf('invoice.one_off_created', invoiceId)).attempts[0]?.receiverStatus).toBe(200);
    expect(await appointment(id)).toMatchObject({ isPaid: true, paymentStatus: 'succeeded' });
    // Two JWT-signed webhooks so far (one_off_created, payment_status_updated): one key fetch.
    expect(await keyFetches()).toBe(1);
  });
});

describe('refused webhooks: 401 INVALID_SIGNATURE, nothing changed', () => {
  let receiver: Receiver;
  let id: string;
  let hmac: WebhookDelivery;
  let jwt: WebhookDelivery;

  let removeEndpoints: (() => Promise<void>)[] = [];

  // Genuine deliveries captured by a receiver of ours: the app sees only what each test sends.
  beforeAll(async () => {
    receiver = await startReceiver();
    removeEndpoints = [
      await addWebhookEndpoint(`${receiver.url}?signed=hmac`, 'hmac'),
      await addWebhookEndpoint(`${receiver.url}?signed=jwt`, 'jwt'),
    ];
    id = await book('Smith & Co <annual>');
    const invoiceId = await pay(id);
    await lagoReportsPayment(invoiceId, 'succeeded');
    const sent = (await lago.deliveries('invoice.payment_status_updated')).filter((d) =>
      d.body.includes(invoiceId),
    );
    hmac = sent.find((d) => d.signatureAlgo === 'hmac')!;
    jwt = sent.find((d) => d.signatureAlgo === 'jwt')!;
  });
  afterAll(async () => {
    for (const remove of removeEndpoints) await remove();
    await receiver.close();
  });

  const expectRefused = async (response: Awaited<ReturnType<typeof deliver>>, reason: RegExp) => {
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('INVALID_SIGNATURE');
    expect(response.json().error.details.reason).toMatch(reason);
    expect(await appointment(id)).toMatchObject({ isPaid: false, paymentStatus: 'pending' });
  };
  const tampered = (body: string) =>
    body.replace('"payment_status":"succeeded"', '"payment_status":"succeeded" ');

  it('refuses an HMAC made with another key', async () => {
    const forged = createHmac('sha256', 'not-the-secret').update(hmac.body).digest('base64');
    await expectRefused(await deliver(hmac, { headers: { 'X-Lago-Signature': forged } }), /does not match/);
  });

  it('refuses a missing, unknown or mismatched signature algorithm, and a missing signature', async () => {
    await expectRefused(
      await deliver(hmac, { headers: { 'X-Lago-Signature-Algorithm': 'jwt' } }),
      /not a JWT/,
    );
    await expectRefused(
      await deliver(jwt, { headers: { 'X-Lago-Signature-Algorithm': 'hmac' } }),
      /does not match/,
    );
    for (const algorithm of ['RS256', 'none', 'HMAC']) {
      const r = await deliver(hmac, { headers: { 'X-Lago-Signature-Algorithm': algorithm } });
      await expectRefused(r, /unknown signature algorithm/);
    }
    await expectRefused(
      await deliver(hmac, { headers: { 'X-Lago-Signature-Algorithm': undefined } }),
      /no X-Lago-Signature-Algorithm/,
    );
    await expectRefused(
      await deliver(hmac, { headers: { 'X-Lago-Signature': undefined } }),
      /no X-Lago-Signature/,
    );
  });

  it('refuses a body altered after signing, in both modes, even one re-serialised to the same JSON', async () => {
    await expectRefused(await deliver(hmac, { body: tampered(hmac.body) }), /does not match/);
    await expectRefused(await deliver(jwt, { body: tampered(jwt.body) }), /another body/);
    // Lago escapes & < > as \u0026…: the parsed JSON is the same, the bytes are not.
    expect(hmac.body).toContain('\\u0026');
    const reserialised = JSON.stringify(JSON.parse(hmac.body));
    await expectRefused(await deliver(hmac, { body: reserialised }), /does not match/);
  });

  it('refuses JWTs not made by Lago’s key, not RS256, or issued by someone else', async () => {
    const header = (alg: string) => Buffer.from(JSON.stringify({ alg })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ data: jwt.body, iss: lago.emulator.url })).toString(
      'base64url',
    );
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const withOtherKey = jwtSignature(jwt.body, lago.emulator.url, otherKey);
    const unsigned = `${header('none')}.${claims}.`;
    const otherIssuer = jwtSignature(jwt.body, 'https://lago.attacker.example', webhookKeys().privateKey);

    await expectRefused(
      await deliver(jwt, { headers: { 'X-Lago-Signature': withOtherKey } }),
      /does not verify/,
    );
    await expectRefused(
      await deliver(jwt, { headers: { 'X-Lago-Signature': unsigned } }),
      /not signed with RS256/,
    );
    await expectRefused(await deliver(jwt, { headers: { 'X-Lago-Signature': otherIssuer } }), /issued by/);
  });

  it('answers 400 to a signed webhook without its unique key, and the genuine deliveries still apply', async () => {
    const noKey = await deliver(hmac, { headers: { 'X-Lago-Unique-Key': undefined } });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.details.fields[0].path).toBe('headers.x-lago-unique-key');
    expect(await appointment(id)).toMatchObject({ isPaid: false });

    // None of the refusals recorded the unique key: the genuine deliveries are applied now.
    expect((await deliver(hmac)).json().data).toEqual({ outcome: 'applied' });
    expect((await deliver(jwt)).statusCode).toBe(200);
    expect(await appointment(id)).toMatchObject({ isPaid: true, paymentStatus: 'succeeded' });
  });
});
