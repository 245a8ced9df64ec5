import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBillingContext } from '../../src/billing/billing-context.ts';
import { sweepOutdatedInvoices } from '../../src/billing/replace-outdated-invoice.ts';
import { retiredInvoices } from '../../src/db/schema/index.ts';
import { appLagoEnv, HMAC_KEY, type LagoHarness, startHarness } from '../emulators/lago/support.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * An invoice bills the price the appointment had when it was issued. When the practice changes
 * the price (or the practice voids the invoice in Lago), that invoice is voided and the client's
 * next Pay issues one for the price the appointment has now. Against the Lago emulator, whose
 * signed webhooks reach the app.
 */

let lago: LagoHarness;
let t: TestApp;
let owner: SignedUpOwner;
let client: { client: TestClient; userId: string };
let webhookUrl: string;
let endpointId: string;

async function listenForWebhooks() {
  const endpoint = await lago.control<{ lago_id: string }>('POST', '/webhook-endpoints', { url: webhookUrl });
  endpointId = endpoint.lago_id;
}

beforeAll(async () => {
  lago = await startHarness();
  t = await createTestApp({ env: appLagoEnv(lago.emulator.url) });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  webhookUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/lago-webhook`;
  await listenForWebhooks();
  owner = await signUpOwner(t.app);
  client = await addMember(t.app, owner.client, 'client', 'Ada Lovelace');
});
afterAll(async () => {
  await t.close();
  await lago.emulator.close();
});
beforeEach(async () => {
  await lago.control('DELETE', '/faults');
});

let slot = 0;
/** A paid appointment of 50 € for the client. */
async function book() {
  slot += 1;
  const start = new Date(Date.UTC(2031, 1, 1 + (slot % 27), slot % 24));
  const r = await owner.client.post('/api/appointments', {
    title: 'Consultation',
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

/** The client presses Pay: the invoice Lago issues (or the one already issued). */
async function pay(id: string) {
  const r = await client.client.post(`/api/appointments/${id}/pay`);
  expect(r.statusCode, r.body).toBe(200);
  await lago.flush();
  return r.json().data as { invoiceId: string; amount: number; currency: string; paymentUrl: string | null };
}

const billing = () => createBillingContext(t.database.db, appLagoEnv(lago.emulator.url));
const reprice = (id: string, body: object) => owner.client.put(`/api/appointments/${id}`, body);
const lagoInvoice = async (invoiceId: string) =>
  (await lago.client.invoices.findInvoice(invoiceId)).data.invoice;
const shown = async (id: string) => (await owner.client.get(`/api/appointments/${id}`)).json().data;
const lagoInvoicesOf = async (id: string) => {
  const { invoices } = await lago.control<{
    invoices: {
      lago_id: string;
      status: string;
      fees_amount_cents: number;
      fees?: { description: string }[];
    }[];
  }>('GET', '/state');
  return invoices.filter((invoice) => JSON.stringify(invoice).includes(id));
};

describe('an appointment whose price changes after its invoice was issued', () => {
  it('has the old invoice voided at once, and the next Pay issues one for the new price', async () => {
    const id = await book();
    const first = await pay(id);
    expect(first.amount).toBe(5000);

    const changed = await reprice(id, { price: 8000 });

    expect(changed.statusCode).toBe(200);
    expect(changed.json().data).toMatchObject({ price: 8000, lagoInvoiceId: null, paymentStatus: null });
    expect(await lagoInvoice(first.invoiceId)).toMatchObject({ status: 'voided', payment_status: 'pending' });
    // The client's payment page for the old invoice takes no money any more.
    const oldPage = await fetch(`${lago.emulator.url}/checkout/${first.invoiceId}/pay`, { method: 'POST' });
    expect(oldPage.status).toBe(409);

    const second = await pay(id);

    expect(second).toMatchObject({ amount: 8000, currency: 'EUR' });
    expect(second.invoiceId).not.toBe(first.invoiceId);
    // The voided invoice's webhook, arriving after, is not taken for the new one.
    await lago.flush();
    expect(await shown(id)).toMatchObject({ lagoInvoiceId: second.invoiceId, paymentStatus: 'pending' });
    const history = (await owner.client.get(`/api/appointments/${id}/history`)).json().data as {
      before: { lagoInvoiceId?: string } | null;
      after: { lagoInvoiceId?: string } | null;
    }[];
    expect(
      history.some((e) => e.before?.lagoInvoiceId === first.invoiceId && e.after?.lagoInvoiceId === null),
    ).toBe(true);
  });

  it('replaces it at the next Pay when Lago was down at the change', async () => {
    const id = await book();
    const first = await pay(id);
    await lago.control('POST', '/faults', { method: 'POST', path: '/void$', status: 503 });

    const changed = await reprice(id, { price: 6500 });

    expect(changed.statusCode).toBe(200);
    expect(changed.json().data).toMatchObject({ price: 6500, lagoInvoiceId: first.invoiceId });
    expect((await lagoInvoice(first.invoiceId)).status).toBe('finalized');
    // Still down at Pay: the client is told, and nothing changed.
    const refused = await client.client.post(`/api/appointments/${id}/pay`);
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    expect((await shown(id)).lagoInvoiceId).toBe(first.invoiceId);

    await lago.control('DELETE', '/faults');
    const second = await pay(id);

    expect(second.amount).toBe(6500);
    expect((await lagoInvoice(first.invoiceId)).status).toBe('voided');
    expect((await lagoInvoicesOf(id)).map((i) => i.status).sort()).toEqual(['finalized', 'voided']);
  });

  it('is voided and replaced when its currency changes too', async () => {
    const id = await book();
    const first = await pay(id);

    expect((await reprice(id, { currency: 'EUR', price: 5000 })).statusCode).toBe(200);
    expect((await lagoInvoice(first.invoiceId)).status).toBe('finalized');
    expect((await pay(id)).invoiceId).toBe(first.invoiceId);

    expect((await reprice(id, { price: 4000 })).statusCode).toBe(200);
    expect((await pay(id)).amount).toBe(4000);
  });

  it('records the payment instead when the old invoice was paid before the change was known', async () => {
    const id = await book();
    const first = await pay(id);
    // Lago's webhooks do not reach the practice for a while.
    await lago.client.webhookEndpoints.destroyWebhookEndpoint(endpointId);
    await lago.control('POST', `/invoices/${first.invoiceId}/payment`, { status: 'succeeded' });

    const changed = await reprice(id, { price: 9000 });

    // The invoice cannot be voided: what Lago holds is recorded, the payment shows.
    expect(changed.statusCode).toBe(200);
    expect(changed.json().data).toMatchObject({
      lagoInvoiceId: first.invoiceId,
      paymentStatus: 'succeeded',
      isPaid: true,
      isPaidOnline: true,
    });
    expect((await lagoInvoice(first.invoiceId)).status).toBe('finalized');
    const again = await client.client.post(`/api/appointments/${id}/pay`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_PAID');
    await listenForWebhooks();
  });
});

describe('an invoice the practice voided in Lago', () => {
  it('is replaced at the next Pay, at the same price', async () => {
    const id = await book();
    const first = await pay(id);

    await lago.client.invoices.voidInvoice(first.invoiceId);
    await lago.flush();
    expect((await shown(id)).lagoInvoiceId).toBe(first.invoiceId);

    const second = await pay(id);

    expect(second).toMatchObject({ amount: 5000 });
    expect(second.invoiceId).not.toBe(first.invoiceId);
    expect(await shown(id)).toMatchObject({ lagoInvoiceId: second.invoiceId, paymentStatus: 'pending' });
    const [retired] = await t.database.db
      .select()
      .from(retiredInvoices)
      .where(eq(retiredInvoices.lagoInvoiceId, first.invoiceId));
    expect(retired).toMatchObject({ appointmentId: id });
  });

  it('does not take the voided invoice’s late news for the new one, whose creation Lago left unanswered', async () => {
    const id = await book();
    const first = await pay(id);
    await lago.client.invoices.voidInvoice(first.invoiceId);
    await lago.flush();
    // Lago fails while creating the new invoice: its claim waits, uncertain, for the next Pay.
    await lago.control('POST', '/faults', { method: 'POST', path: '/api/v1/invoices$', status: 503 });
    expect((await client.client.post(`/api/appointments/${id}/pay`)).statusCode).toBe(502);

    // News of the old invoice (a late or resent webhook) comes meanwhile.
    const raw = JSON.stringify({
      webhook_type: 'invoice.one_off_created',
      object_type: 'invoice',
      organization_id: crypto.randomUUID(),
      invoice: { ...(await lagoInvoice(first.invoiceId)), status: 'finalized', voided_at: null },
    });
    const late = await t.app.inject({
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
    expect(late.statusCode).toBe(200);
    expect((await shown(id)).lagoInvoiceId).toBeNull();

    // Lago is back: the lookup for the unanswered creation passes the voided invoice by.
    await lago.control('DELETE', '/faults');
    const second = await pay(id);

    expect(second.invoiceId).not.toBe(first.invoiceId);
    expect(await shown(id)).toMatchObject({ lagoInvoiceId: second.invoiceId, paymentStatus: 'pending' });
  });
});

describe('a cancelled appointment', () => {
  it('has its unpaid invoice voided, and is not paid any more', async () => {
    const id = await book();
    const first = await pay(id);

    const cancelled = await owner.client.put(`/api/appointments/${id}`, { status: 'cancelled' });

    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().data).toMatchObject({ status: 'cancelled', lagoInvoiceId: null });
    expect((await lagoInvoice(first.invoiceId)).status).toBe('voided');
    const refused = await client.client.post(`/api/appointments/${id}/pay`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('NOT_PAYABLE');
  });

  it('has it voided by the sweep when Lago was down as the client cancelled', async () => {
    const id = await book();
    const first = await pay(id);
    await lago.control('POST', '/faults', { method: 'POST', path: '/void$', status: 503 });

    const cancelled = await client.client.put(`/api/appointments/${id}`, { status: 'cancelled' });

    expect(cancelled.statusCode).toBe(200);
    expect((await lagoInvoice(first.invoiceId)).status).toBe('finalized');
    const warnings: string[] = [];
    const log = { warn: (_details: object, message: string) => warnings.push(message) };
    expect(await sweepOutdatedInvoices(billing(), log)).toMatchObject({ failed: 1 });
    expect(warnings).toContain('Out-of-date invoice not voided yet');

    await lago.control('DELETE', '/faults');
    const swept = await sweepOutdatedInvoices(billing(), log);

    expect(swept.replaced).toBeGreaterThanOrEqual(1);
    expect((await lagoInvoice(first.invoiceId)).status).toBe('voided');
    expect(await shown(id)).toMatchObject({ status: 'cancelled', lagoInvoiceId: null });
    expect(await sweepOutdatedInvoices(billing(), log)).toEqual({ replaced: 0, failed: 0 });
  });
});
