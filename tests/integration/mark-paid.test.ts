import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A client who pays at the desk (cash, card): staff record it with PUT /api/appointments/:id
 * `isPaid`, and undo it when it was a mistake. Payments Lago reports, and what a desk payment
 * does to them, are in lago-webhook.test.ts.
 */

let t: TestApp;
let owner: SignedUpOwner;
let admin: { client: TestClient; userId: string };
let client: { client: TestClient; userId: string };
let day = 0;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
  admin = await addMember(t.app, owner.client, 'admin', 'Dr Admin');
  client = await addMember(t.app, owner.client, 'client', 'Jean Dupont');
});
afterAll(() => t.close());

/** An appointment of the client this month (the month's figures count it), paid type at 50 € by default. */
async function book(body: Record<string, unknown> = {}) {
  day += 1;
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 2 + (day % 25), 8 + (day % 9)));
  const r = await owner.client.post('/api/appointments', {
    title: 'Consultation',
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 30 * 60_000).toISOString(),
    userId: client.userId,
    status: 'confirmed',
    type: 'paid',
    price: 5000,
    currency: 'EUR',
    ...body,
  });
  expect(r.statusCode).toBe(201);
  return r.json().data as { id: string; version: number };
}

const appointment = async (id: string) => (await owner.client.get(`/api/appointments/${id}`)).json().data;
const history = async (id: string) => (await owner.client.get(`/api/appointments/${id}/history`)).json().data;
const stats = async () =>
  (await owner.client.post('/api/admin/appointments', { action: 'stats' })).json().data;

describe('marking an appointment paid at the desk', () => {
  it('lets the owner mark it paid: the month’s figures count it as paid revenue, no longer owed', async () => {
    const { id } = await book();
    const before = await stats();

    const r = await owner.client.put(`/api/appointments/${id}`, { isPaid: true });

    expect(r.statusCode).toBe(200);
    expect(r.json().data).toMatchObject({ isPaid: true, paymentStatus: null, lagoInvoiceId: null });
    const after = await stats();
    expect(after.paidAppointments - before.paidAppointments).toBe(1);
    expect(after.totalRevenue - before.totalRevenue).toBe(5000);
    expect(after.unpaidAppointments - before.unpaidAppointments).toBe(-1);
    expect(after.unpaidAmount - before.unpaidAmount).toBe(-5000);
  });

  it('records who marked it in the history, with the payment before and after', async () => {
    const { id } = await book();

    await admin.client.put(`/api/appointments/${id}`, { isPaid: true });

    expect((await history(id)).at(-1)).toMatchObject({
      action: 'updated',
      actorType: 'user',
      actorId: admin.userId,
      actorName: 'Dr Admin',
      before: { isPaid: false },
      after: { isPaid: true },
    });
  });

  it('lets staff undo a mark made by mistake: owed again, and the history says so', async () => {
    const { id } = await book();
    await owner.client.put(`/api/appointments/${id}`, { isPaid: true });
    const paid = await stats();

    const r = await admin.client.put(`/api/appointments/${id}`, { isPaid: false });

    expect(r.statusCode).toBe(200);
    expect(r.json().data.isPaid).toBe(false);
    const after = await stats();
    expect(after.paidAppointments - paid.paidAppointments).toBe(-1);
    expect(after.totalRevenue - paid.totalRevenue).toBe(-5000);
    expect(after.unpaidAmount - paid.unpaidAmount).toBe(5000);
    expect((await history(id)).at(-1)).toMatchObject({
      actorId: admin.userId,
      before: { isPaid: true },
      after: { isPaid: false },
    });
  });

  it('answers 403 to a client marking their own appointment paid, and changes nothing', async () => {
    const { id } = await book();
    const shown = await appointment(id);
    const events = (await history(id)).length;
    const before = await stats();

    const r = await client.client.put(`/api/appointments/${id}`, { isPaid: true });

    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatchObject({
      code: 'FORBIDDEN',
      details: { fields: [{ path: 'body.isPaid', message: 'Not allowed for clients' }] },
    });
    expect(await appointment(id)).toEqual(shown);
    expect(await history(id)).toHaveLength(events);
    expect(await stats()).toEqual(before);
  });

  it('answers 403 to a client unmarking a payment the practice recorded', async () => {
    const { id } = await book();
    await owner.client.put(`/api/appointments/${id}`, { isPaid: true });

    const r = await client.client.put(`/api/appointments/${id}`, { isPaid: false });

    expect(r.statusCode).toBe(403);
    expect((await appointment(id)).isPaid).toBe(true);
  });

  it('refuses with 422 NOT_PAYABLE to mark a free, cancelled or (in the same request) free-made appointment paid', async () => {
    const free = await book({ type: 'free', price: 0 });
    const cancelled = await book();
    await owner.client.put(`/api/appointments/${cancelled.id}`, { status: 'cancelled' });
    const paid = await book();

    for (const [id, body, reason] of [
      [free.id, { isPaid: true }, 'it is a free appointment'],
      [cancelled.id, { isPaid: true }, 'it is cancelled'],
      [paid.id, { isPaid: true, type: 'free', price: 0 }, 'it is a free appointment'],
    ] as const) {
      const r = await owner.client.put(`/api/appointments/${id}`, body);
      expect(r.statusCode).toBe(422);
      expect(r.json().error).toMatchObject({
        code: 'NOT_PAYABLE',
        message: `This appointment cannot be marked paid: ${reason}`,
      });
      expect((await appointment(id)).isPaid).toBe(false);
    }
  });

  it('lets staff mark paid a request they price in the same change', async () => {
    const { id } = await book({ type: 'free', price: 0, status: 'pending' });

    const r = await owner.client.put(`/api/appointments/${id}`, { type: 'paid', price: 4000, isPaid: true });

    expect(r.statusCode).toBe(200);
    expect(r.json().data).toMatchObject({ type: 'paid', price: 4000, isPaid: true });
  });

  it('keeps a desk payment when the appointment is cancelled afterwards, and lets staff undo it (a refund)', async () => {
    const { id } = await book();
    await owner.client.put(`/api/appointments/${id}`, { isPaid: true });
    await owner.client.put(`/api/appointments/${id}`, { status: 'cancelled' });
    expect((await appointment(id)).isPaid).toBe(true);

    const r = await owner.client.put(`/api/appointments/${id}`, { isPaid: false });

    expect(r.statusCode).toBe(200);
    expect(r.json().data).toMatchObject({ status: 'cancelled', isPaid: false });
  });
  it('refuses (409) to change the price of an appointment marked paid, until the mark is taken back', async () => {
    const { id } = await book();
    await owner.client.put(`/api/appointments/${id}`, { isPaid: true });

    for (const change of [{ price: 7000 }, { type: 'free' }, { currency: 'USD' }]) {
      const refused = await owner.client.put(`/api/appointments/${id}`, change);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'INVALID_STATE',
        message: 'This appointment is marked paid: mark it unpaid before changing its price',
      });
    }
    expect(await appointment(id)).toMatchObject({ price: 5000, currency: 'EUR', type: 'paid', isPaid: true });

    // The same price again, or other details, are not a change of what was paid.
    expect(
      (await owner.client.put(`/api/appointments/${id}`, { price: 5000, title: 'Bilan' })).statusCode,
    ).toBe(200);
    // Taking the mark back in the same request lets the price change.
    const repriced = await owner.client.put(`/api/appointments/${id}`, { price: 7000, isPaid: false });
    expect(repriced.statusCode).toBe(200);
    expect(repriced.json().data).toMatchObject({ price: 7000, isPaid: false });
  });
});
