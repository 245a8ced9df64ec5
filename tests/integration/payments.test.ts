import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingContext } from '../../src/billing/billing-context.ts';
import { payAppointment } from '../../src/billing/pay-appointment.ts';
import { appointments } from '../../src/db/schema/index.ts';
import { AppError, type AppErrorCode } from '../../src/domain/errors.ts';
import { statusByCode } from '../../src/server/http-errors.ts';
import { startFlakyNetwork } from '../emulators/lago/flaky-network.ts';
import { API_KEY, appLagoEnv, type LagoHarness, startHarness } from '../emulators/lago/support.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

interface LagoInvoiceState {
  lago_id: string;
  number: string;
  total_amount_cents: number;
  customer: { external_id: string; name: string | null; email: string | null };
}
interface LagoState {
  invoices: LagoInvoiceState[];
  customers: { external_id: string; name: string | null; email: string | null; phone: string | null }[];
  requestCounts: Record<string, number>;
}

let lago: LagoHarness;
/** Between the app and Lago: passes everything through until a test makes it fail. */
let network: Awaited<ReturnType<typeof startFlakyNetwork>>;
let t: TestApp;
let owner: SignedUpOwner;
let client: { client: TestClient; userId: string; email: string };

beforeAll(async () => {
  lago = await startHarness();
  network = await startFlakyNetwork(lago.emulator.url);
  t = await createTestApp({ env: appLagoEnv(network.url) });
  owner = await signUpOwner(t.app);
  client = await addMember(t.app, owner.client, 'client', 'Ada Lovelace');
});
afterAll(async () => {
  await t.close();
  await network.close();
  await lago.emulator.close();
});

let slot = 0;
/** A fresh hour of this month, so appointments never overlap and the month's stats count them. */
function nextSlot() {
  slot += 1;
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1 + (slot % 27), slot % 24));
  return { startTime: start.toISOString(), endTime: new Date(start.getTime() + 30 * 60_000).toISOString() };
}

/** Staff book an appointment; paid at 50 € for the client unless told otherwise. */
async function book(staff: TestClient, fields: Record<string, unknown> = {}) {
  const r = await staff.post('/api/appointments', {
    title: 'Consultation',
    ...nextSlot(),
    type: 'paid',
    price: 5000,
    currency: 'EUR',
    userId: client.userId,
    ...fields,
  });
  expect(r.statusCode).toBe(201);
  return r.json().data as { id: string; version: number };
}

const lagoState = () => lago.control<LagoState>('GET', '/state');
/** The Lago invoices whose line names this appointment. */
const invoicesFor = async (appointmentId: string) =>
  (await lagoState()).invoices.filter((invoice) => JSON.stringify(invoice).includes(appointmentId));

describe('POST /api/appointments/:id/pay', () => {
  it('creates a one-off Lago invoice for the price, billed to the client’s customer', async () => {
    const appointment = await book(owner.client, { title: 'Check-up <Smith & Co>' });

    const r = await client.client.post(`/api/appointments/${appointment.id}/pay`);

    expect(r.statusCode).toBe(200);
    const paid = r.json().data;
    expect(paid).toEqual({
      invoiceId: expect.any(String),
      invoiceNumber: expect.stringMatching(/^LAG-/),
      amount: 5000,
      currency: 'EUR',
      status: 'finalized',
      paymentStatus: 'pending',
      // No LAGO_PAYMENT_PROVIDER here: Lago links the client to no provider, so no checkout link.
      paymentUrl: null,
      paymentUrlPending: false,
      providerRefusal: null,
    });
    const state = await lagoState();
    const invoice = state.invoices.find((i) => i.lago_id === paid.invoiceId)!;
    expect(invoice).toMatchObject({ number: paid.invoiceNumber, total_amount_cents: 5000 });
    expect(invoice.customer).toMatchObject({
      external_id: `rdv_${owner.tenantId}_user_${client.userId}`,
      name: 'Ada Lovelace',
      email: client.email,
    });
    const full = (await lago.client.invoices.findInvoice(paid.invoiceId)).data.invoice;
    expect(full.fees?.[0]).toMatchObject({
      amount_cents: 5000,
      invoice_display_name: 'Check-up <Smith & Co>',
      description: expect.stringContaining(`Rendezvous appointment ${appointment.id}`),
    });

    const shown = (await client.client.get(`/api/appointments/${appointment.id}`)).json().data;
    expect(shown).toMatchObject({ lagoInvoiceId: paid.invoiceId, paymentStatus: 'pending', isPaid: false });
    const history = (await client.client.get(`/api/appointments/${appointment.id}/history`)).json().data;
    expect(history.at(-1)).toMatchObject({ action: 'updated', actorType: 'user', actorId: client.userId });
  });

  it('returns the same invoice when called again, by the client or by staff', async () => {
    const appointment = await book(owner.client);
    const first = (await client.client.post(`/api/appointments/${appointment.id}/pay`)).json().data;

    const again = await client.client.post(`/api/appointments/${appointment.id}/pay`);
    const byStaff = await owner.client.post(`/api/appointments/${appointment.id}/pay`);

    expect(again.json().data).toEqual(first);
    expect(byStaff.json().data).toEqual(first);
    expect(await invoicesFor(appointment.id)).toHaveLength(1);
  });

  it('creates one invoice when called concurrently; a call that finds one being created is told so', async () => {
    const appointment = await book(owner.client);

    const answers = await Promise.all(
      [1, 2, 3].map(() => client.client.post(`/api/appointments/${appointment.id}/pay`)),
    );

    const succeeded = answers.filter((r) => r.statusCode === 200).map((r) => r.json().data.invoiceId);
    const waiting = answers.filter((r) => r.statusCode === 409).map((r) => r.json().error.code);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(new Set(succeeded).size).toBe(1);
    expect(waiting.every((code) => code === 'PAYMENT_IN_PROGRESS')).toBe(true);
    expect(succeeded.length + waiting.length).toBe(3);
    expect(await invoicesFor(appointment.id)).toHaveLength(1);
    const later = await client.client.post(`/api/appointments/${appointment.id}/pay`);
    expect(later.json().data.invoiceId).toBe(succeeded[0]);
  });

  it('bills a person booked by phone under a customer made from the attendee fields', async () => {
    const appointment = await book(owner.client, {
      userId: null,
      attendeeName: 'Grace Hopper',
      attendeeEmail: 'Grace@Example.com',
      attendeePhone: '+33 6 12 34 56 78',
    });

    const r = await owner.client.post(`/api/appointments/${appointment.id}/pay`);

    expect(r.statusCode).toBe(200);
    const invoice = (await lagoState()).invoices.find((i) => i.lago_id === r.json().data.invoiceId)!;
    expect(invoice.customer.external_id).toMatch(new RegExp(`^rdv_${owner.tenantId}_email_[0-9a-f]{32}$`));
    expect(invoice.customer.external_id).not.toContain('grace');
    expect(invoice.customer).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' });
  });

  it('refuses free, zero-price and cancelled appointments with 422 NOT_PAYABLE, calling Lago for none', async () => {
    const before = (await lagoState()).requestCounts['POST /api/v1/invoices'] ?? 0;
    const free = await book(owner.client, { type: 'free', price: 0 });
    // Stored before a paid appointment had to have a price (the API now refuses one without).
    const zero = await book(owner.client);
    await t.database.db.update(appointments).set({ price: 0 }).where(eq(appointments.id, zero.id));
    const cancelled = await book(owner.client);
    await owner.client.put(`/api/appointments/${cancelled.id}`, { status: 'cancelled' });

    for (const [id, reason] of [
      [free.id, 'it is a free appointment'],
      [zero.id, 'its price is 0'],
      [cancelled.id, 'it is cancelled'],
    ]) {
      const r = await client.client.post(`/api/appointments/${id}/pay`);
      expect(r.statusCode).toBe(422);
      expect(r.json().error).toMatchObject({
        code: 'NOT_PAYABLE',
        message: `This appointment cannot be paid: ${reason}`,
      });
    }
    expect((await lagoState()).requestCounts['POST /api/v1/invoices'] ?? 0).toBe(before);
  });

  it('refuses an appointment already paid with 409 ALREADY_PAID', async () => {
    const appointment = await book(owner.client);
    await owner.client.put(`/api/appointments/${appointment.id}`, { isPaid: true });

    const r = await client.client.post(`/api/appointments/${appointment.id}/pay`);

    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('ALREADY_PAID');
  });

  it('answers 404 for another client’s, another practice’s, malformed and unknown ids', async () => {
    const mine = await book(owner.client);
    const other = await addMember(t.app, owner.client, 'client', 'Someone Else');
    const stranger = await signUpOwner(t.app);

    for (const [who, id] of [
      [other.client, mine.id],
      [stranger.client, mine.id],
      [client.client, 'not-a-uuid'],
      [client.client, '5eb02857-a71e-4ea2-bcf9-57d3a41bc6ba'],
    ] as const) {
      const r = await who.post(`/api/appointments/${id}/pay`);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    }
    expect(await invoicesFor(mine.id)).toHaveLength(0);
  });

  it('answers 401 to a caller who is not signed in', async () => {
    const appointment = await book(owner.client);
    const r = await t.app.inject({ method: 'POST', url: `/api/appointments/${appointment.id}/pay` });
    expect(r.statusCode).toBe(401);
  });

  it('answers 422 PAYMENT_PROVIDER_REJECTED naming the field when Lago refuses the invoice', async () => {
    // Lago fixes a customer's currency with their first invoice: a USD appointment after a EUR one.
    const euros = await book(owner.client);
    await client.client.post(`/api/appointments/${euros.id}/pay`);
    const dollars = await book(owner.client, { currency: 'USD' });

    const r = await client.client.post(`/api/appointments/${dollars.id}/pay`);

    expect(r.statusCode).toBe(422);
    expect(r.json().error).toMatchObject({
      code: 'PAYMENT_PROVIDER_REJECTED',
      message: 'Lago refused the invoice (currency: currencies_does_not_match)',
      details: { errors: { currency: ['currencies_does_not_match'] } },
    });
    const shown = (await client.client.get(`/api/appointments/${dollars.id}`)).json().data;
    expect(shown).toMatchObject({ lagoInvoiceId: null, paymentStatus: null });
  });
});

describe('when Lago fails', () => {
  let staff: TestClient;
  beforeAll(() => {
    staff = owner.client;
  });

  it('answers 502 PAYMENT_PROVIDER_UNAVAILABLE while Lago is down, changes nothing, and works once it is back', async () => {
    const appointment = await book(staff, { userId: null, attendeeName: 'Phone Caller' });
    await network.goDown();

    const down = await staff.post(`/api/appointments/${appointment.id}/pay`);

    expect(down.statusCode).toBe(502);
    expect(down.json().error.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');
    const unchanged = (await staff.get(`/api/appointments/${appointment.id}`)).json().data;
    expect(unchanged).toMatchObject({
      version: appointment.version,
      lagoInvoiceId: null,
      paymentStatus: null,
    });

    await network.comeBack();
    const retried = await staff.post(`/api/appointments/${appointment.id}/pay`);
    expect(retried.statusCode).toBe(200);
    expect(await invoicesFor(appointment.id)).toHaveLength(1);
  });

  it('answers 502 when Lago answers 500, then creates exactly one invoice on the retry', async () => {
    const appointment = await book(staff, { userId: null, attendeeName: 'Phone Caller' });
    await lago.control('POST', '/faults', {
      method: 'POST',
      path: '^/api/v1/invoices$',
      status: 500,
      times: 1,
    });

    const failed = await staff.post(`/api/appointments/${appointment.id}/pay`);
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error.code).toBe('PAYMENT_PROVIDER_UNAVAILABLE');

    const retried = await staff.post(`/api/appointments/${appointment.id}/pay`);
    expect(retried.statusCode).toBe(200);
    expect(await invoicesFor(appointment.id)).toHaveLength(1);
  });

  it('finds the invoice Lago created when its answer was lost, instead of invoicing twice', async () => {
    const appointment = await book(staff, { userId: null, attendeeEmail: 'lost@example.com' });
    network.loseAnswerTo('POST', '/api/v1/invoices');

    const lost = await staff.post(`/api/appointments/${appointment.id}/pay`);

    expect(lost.statusCode).toBe(502);
    const created = await invoicesFor(appointment.id);
    expect(created).toHaveLength(1);
    expect((await staff.get(`/api/appointments/${appointment.id}`)).json().data.lagoInvoiceId).toBeNull();

    const retried = await staff.post(`/api/appointments/${appointment.id}/pay`);

    expect(retried.statusCode).toBe(200);
    expect(retried.json().data.invoiceId).toBe(created[0]!.lago_id);
    expect(await invoicesFor(appointment.id)).toHaveLength(1);
  });

  it('gives up on a Lago that does not answer in time, with 502 and nothing changed', async () => {
    // The production bound is 10 s; this context waits 100 ms, against a Lago answering in 1 s.
    const impatient = createBillingContext(
      t.database.db,
      { LAGO_API_URL: `${lago.emulator.url}/api/v1`, LAGO_API_KEY: API_KEY },
      { timeoutMs: 100 },
    );
    const appointment = await book(owner.client);
    const member = { userId: client.userId, tenantId: owner.tenantId, role: 'client' as const };
    await lago.control('POST', '/faults', { path: '^/api/v1/customers$', latencyMs: 1000, times: 1 });

    const refusal = await payAppointment(impatient, member, appointment.id).catch((error) => error);

    expect(refusal).toMatchObject({ code: 'PAYMENT_PROVIDER_UNAVAILABLE', details: { reason: 'timeout' } });
    const unchanged = (await client.client.get(`/api/appointments/${appointment.id}`)).json().data;
    expect(unchanged).toMatchObject({ version: appointment.version, lagoInvoiceId: null });
    const retried = await client.client.post(`/api/appointments/${appointment.id}/pay`);
    expect(retried.statusCode).toBe(200);
  });
});

describe('without Lago configured', () => {
  it('refuses with PAYMENTS_NOT_CONFIGURED (503) saying payments are not set up', async () => {
    // The app reads LAGO_API_KEY once at start: the operation is driven with a context without it.
    const unconfigured = createBillingContext(t.database.db, {
      LAGO_API_URL: 'https://api.getlago.com/api/v1',
    });
    const appointment = await book(owner.client);
    const member = { userId: owner.userId, tenantId: owner.tenantId, role: 'owner' as const };

    const refusal = await payAppointment(unconfigured, member, appointment.id).catch((error) => error);

    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({
      code: 'PAYMENTS_NOT_CONFIGURED',
      message: expect.stringContaining('Payments are not set up'),
    });
    expect(statusByCode[refusal.code as AppErrorCode]).toBe(503);
    expect(await invoicesFor(appointment.id)).toHaveLength(0);
  });
});

describe('GET /api/payments', () => {
  it('lists the client’s own paid-type appointments with their invoice; staff see the practice’s', async () => {
    const invoiced = await book(owner.client, { title: 'Invoiced' });
    const paid = (await client.client.post(`/api/appointments/${invoiced.id}/pay`)).json().data;
    const open = await book(owner.client, { title: 'Not invoiced yet' });
    await book(owner.client, { title: 'Free one', type: 'free', price: 0 });
    const someoneElse = await book(owner.client, { title: 'Phone booking', userId: null });

    const mine = (await client.client.get('/api/payments')).json().data as { appointmentId: string }[];
    const all = (await owner.client.get('/api/payments')).json().data as { appointmentId: string }[];

    expect(mine.find((p) => p.appointmentId === invoiced.id)).toEqual({
      appointmentId: invoiced.id,
      title: 'Invoiced',
      startTime: expect.any(String),
      endTime: expect.any(String),
      status: 'confirmed',
      userId: client.userId,
      clientName: 'Ada Lovelace',
      amount: 5000,
      currency: 'EUR',
      isPaid: false,
      paymentStatus: 'pending',
      invoiceId: paid.invoiceId,
      invoiceNumber: paid.invoiceNumber,
      canPay: true,
      providerRefused: false,
    });
    expect(mine.find((p) => p.appointmentId === open.id)).toMatchObject({ invoiceId: null, canPay: true });
    expect(mine.some((p) => p.appointmentId === someoneElse.id)).toBe(false);
    expect(mine.every((p) => (p as unknown as { title: string }).title !== 'Free one')).toBe(true);
    expect(all.some((p) => p.appointmentId === someoneElse.id)).toBe(true);
    const stranger = await signUpOwner(t.app);
    expect((await stranger.client.get('/api/payments')).json().data).toEqual([]);
  });
});
