import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBillingContext } from '../../src/billing/billing-context.ts';
import { settleDeskPayment, sweepDeskPayments } from '../../src/billing/settle-desk-payment.ts';
import { API_KEY, appLagoEnv, type LagoHarness, startHarness } from '../emulators/lago/support.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A payment taken at the desk for an appointment whose invoice is open in Lago: Lago is told
 * (PUT /invoices/:id payment_status), so the client is neither dunned nor able to pay twice, and
 * the payment stays the practice's own mark. Against the Lago emulator, whose webhooks reach the app.
 */

let lago: LagoHarness;
let t: TestApp;
let owner: SignedUpOwner;
let client: { client: TestClient; userId: string };

beforeAll(async () => {
  lago = await startHarness();
  t = await createTestApp({ env: appLagoEnv(lago.emulator.url) });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as AddressInfo).port;
  await lago.control('POST', '/webhook-endpoints', { url: `http://127.0.0.1:${port}/api/lago-webhook` });
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
/** A paid appointment (50 €) of a client, booked by their practice's owner. */
async function book(who = { owner, client }) {
  slot += 1;
  const start = new Date(Date.UTC(2031, 0, 1 + (slot % 27), slot % 24));
  const r = await who.owner.client.post('/api/appointments', {
    title: 'Consultation',
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 30 * 60_000).toISOString(),
    type: 'paid',
    price: 5000,
    currency: 'EUR',
    userId: who.client.userId,
  });
  expect(r.statusCode).toBe(201);
  return r.json().data.id as string;
}

/** The client asks to pay: Lago issues the invoice (left unpaid). */
async function issueInvoice(id: string, who = client): Promise<string> {
  const r = await who.client.post(`/api/appointments/${id}/pay`);
  expect(r.statusCode).toBe(200);
  await lago.flush();
  return r.json().data.invoiceId;
}

const lagoInvoice = async (invoiceId: string) => {
  const { data } = await lago.client.invoices.findInvoice(invoiceId);
  return data.invoice;
};
const appointment = async (id: string, who = owner) =>
  (await who.client.get(`/api/appointments/${id}`)).json().data;
const mark = (id: string, isPaid: boolean, who = owner) =>
  who.client.put(`/api/appointments/${id}`, { isPaid });
const lagoIsDown = () =>
  lago.control('POST', '/faults', { method: 'PUT', path: '^/api/v1/invoices/', status: 503 });
const lagoPuts = async () =>
  (await lago.control<{ requestCounts: Record<string, number> }>('GET', '/state')).requestCounts[
    'PUT /api/v1/invoices/:lago_id'
  ] ?? 0;
const billing = () => createBillingContext(t.database.db, appLagoEnv(lago.emulator.url));
const warnings: { details: object; message: string }[] = [];
const log = { warn: (details: object, message: string) => warnings.push({ details, message }) };

describe('marking paid at the desk an appointment invoiced in Lago', () => {
  it('marks the invoice paid in Lago; the payment stays the practice’s, and unmarking reopens the invoice', async () => {
    const id = await book();
    const invoiceId = await issueInvoice(id);

    const marked = await mark(id, true);

    expect(marked.statusCode).toBe(200);
    expect(marked.json().data).toMatchObject({
      isPaid: true,
      isPaidOnline: false,
      paymentStatus: 'succeeded',
    });
    expect((await lagoInvoice(invoiceId)).payment_status).toBe('succeeded');

    const unmarked = await mark(id, false);

    expect(unmarked.statusCode).toBe(200);
    expect(unmarked.json().data).toMatchObject({
      isPaid: false,
      isPaidOnline: false,
      paymentStatus: 'pending',
    });
    expect((await lagoInvoice(invoiceId)).payment_status).toBe('pending');
    // Lago's webhooks of both changes, arriving after: the same second, they change nothing.
    await lago.flush();
    expect(await appointment(id)).toMatchObject({
      isPaid: false,
      isPaidOnline: false,
      paymentStatus: 'pending',
    });
  });

  it('is not turned into an online payment by Lago’s own webhook about it', async () => {
    const id = await book();
    const invoiceId = await issueInvoice(id);
    await mark(id, true);

    await lago.flush();

    const echo = (await lago.deliveries('invoice.payment_status_updated')).filter((d) =>
      d.body.includes(invoiceId),
    );
    expect(echo.map((d) => d.attempts.at(-1)?.receiverStatus)).toEqual([200]);
    expect(await appointment(id)).toMatchObject({ isPaid: true, isPaidOnline: false });
    expect((await mark(id, false)).statusCode).toBe(200);
  });

  it('keeps the mark when Lago is down, and the sweep tells Lago once it is back', async () => {
    const id = await book();
    const invoiceId = await issueInvoice(id);
    await lagoIsDown();

    const marked = await mark(id, true);

    expect(marked.statusCode).toBe(200);
    expect(marked.json().data).toMatchObject({ isPaid: true, paymentStatus: 'pending' });
    expect((await lagoInvoice(invoiceId)).payment_status).toBe('pending');
    const down = await sweepDeskPayments(billing(), log);
    expect(down).toEqual({ settled: 0, failed: 1 });
    expect(JSON.stringify(warnings.at(-1))).not.toContain(API_KEY);
    expect(warnings.at(-1)).toMatchObject({ details: { appointmentId: id, kind: 'server', status: 503 } });

    await lago.control('DELETE', '/faults');
    const back = await sweepDeskPayments(billing(), log);

    expect(back).toEqual({ settled: 1, failed: 0 });
    expect((await lagoInvoice(invoiceId)).payment_status).toBe('succeeded');
    expect(await appointment(id)).toMatchObject({
      isPaid: true,
      isPaidOnline: false,
      paymentStatus: 'succeeded',
    });
    expect(await sweepDeskPayments(billing(), log)).toEqual({ settled: 0, failed: 0 });
  });

  it('answers staff without waiting for a slow Lago, which is told in the background', async () => {
    const quick = await createTestApp({ env: appLagoEnv(lago.emulator.url), lagoAfterCommitWaitMs: 50 });
    try {
      const quickOwner = await signUpOwner(quick.app);
      const quickClient = await addMember(quick.app, quickOwner.client, 'client', 'Mary Somerville');
      const id = await book({ owner: quickOwner, client: quickClient });
      const invoiceId = await issueInvoice(id, quickClient);
      // Lago takes two seconds over the next change of an invoice.
      await lago.control('POST', '/faults', {
        method: 'PUT',
        path: '^/api/v1/invoices/',
        latencyMs: 2_000,
        times: 1,
      });

      const marked = await mark(id, true, quickOwner);

      // The mark stands at once; Lago's answer was not waited for.
      expect(marked.statusCode).toBe(200);
      expect(marked.json().data).toMatchObject({ isPaid: true, paymentStatus: 'pending' });
      await vi.waitFor(
        async () => expect((await appointment(id, quickOwner)).paymentStatus).toBe('succeeded'),
        { timeout: 15_000, interval: 100 },
      );
      expect((await lagoInvoice(invoiceId)).payment_status).toBe('succeeded');
    } finally {
      await quick.close();
    }
  });

  it('reopens the invoice at the next sweep when the mark was taken back while Lago was down', async () => {
    const id = await book();
    const invoiceId = await issueInvoice(id);
    await mark(id, true);
    await lagoIsDown();

    expect((await mark(id, false)).statusCode).toBe(200);
    await lago.control('DELETE', '/faults');
    await sweepDeskPayments(billing(), log);

    expect((await lagoInvoice(invoiceId)).payment_status).toBe('pending');
    expect(await appointment(id)).toMatchObject({ isPaid: false, paymentStatus: 'pending' });
  });

  it('still refuses (409) to unmark a payment made online', async () => {
    const id = await book();
    const invoiceId = await issueInvoice(id);
    await lago.control('POST', `/invoices/${invoiceId}/payment`, { status: 'succeeded' });
    await lago.flush();
    expect(await appointment(id)).toMatchObject({ isPaid: true, isPaidOnline: true });

    const r = await mark(id, false);

    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('INVALID_STATE');
    const repriced = await owner.client.put(`/api/appointments/${id}`, { price: 9000 });
    expect(repriced.statusCode).toBe(409);
    expect(repriced.json().error.message).toContain('paid online: its price cannot change');
  });

  it('does not call Lago for an appointment without an invoice', async () => {
    const id = await book();
    const puts = await lagoPuts();

    expect((await mark(id, true)).statusCode).toBe(200);
    expect((await mark(id, false)).statusCode).toBe(200);

    expect(await lagoPuts()).toBe(puts);
  });

  it('settles each practice’s appointment with its own invoice, and nothing for another practice’s id', async () => {
    const other = await signUpOwner(t.app);
    const otherClient = await addMember(t.app, other.client, 'client', 'Grace Hopper');
    const mine = await book();
    const theirs = await book({ owner: other, client: otherClient });
    const myInvoice = await issueInvoice(mine);
    const theirInvoice = await issueInvoice(theirs, otherClient);
    await lagoIsDown();
    await mark(mine, true);
    await mark(theirs, true, other);
    await lago.control('DELETE', '/faults');
    const puts = await lagoPuts();

    // Another practice's id under this tenant: not found, so Lago is not called.
    const lagoContext = billing();
    expect(await settleDeskPayment({ ...lagoContext, lago: lagoContext.lago! }, owner.tenantId, theirs)).toBe(
      false,
    );
    expect(await lagoPuts()).toBe(puts);

    await sweepDeskPayments(lagoContext, log);

    expect((await lagoInvoice(myInvoice)).payment_status).toBe('succeeded');
    expect((await lagoInvoice(theirInvoice)).payment_status).toBe('succeeded');
    expect(await appointment(mine)).toMatchObject({ lagoInvoiceId: myInvoice, paymentStatus: 'succeeded' });
    expect(await appointment(theirs, other)).toMatchObject({
      lagoInvoiceId: theirInvoice,
      paymentStatus: 'succeeded',
    });
    expect((await owner.client.get(`/api/appointments/${theirs}`)).statusCode).toBe(404);
  });
});
