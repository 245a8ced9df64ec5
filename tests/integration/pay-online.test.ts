import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_REFUSAL_RETRY_MS } from '../../src/billing/pay-appointment.ts';
import { lagoCustomerProviderErrors } from '../../src/db/schema/index.ts';
import { API_KEY, appLagoEnv, type LagoHarness, startHarness } from '../emulators/lago/support.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Paying online: with LAGO_PAYMENT_PROVIDER set, Lago links each client's customer to the
 * provider, and Pay answers the invoice with the provider's checkout link
 * (`POST /invoices/:lago_id/payment_url`). The Lago emulator plays the provider's checkout; its
 * payment reaches the app as Lago's signed webhook, so the whole loop runs here.
 */
let lago: LagoHarness;
let t: TestApp;
let owner: SignedUpOwner;
let client: { client: TestClient; userId: string; email: string };

beforeAll(async () => {
  lago = await startHarness();
  t = await createTestApp({
    env: {
      ...appLagoEnv(lago.emulator.url),
      LAGO_PAYMENT_PROVIDER: 'stripe',
      LAGO_PAYMENT_PROVIDER_CODE: 'stripe_eu',
    },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as AddressInfo).port;
  await lago.control('POST', '/webhook-endpoints', {
    url: `http://127.0.0.1:${port}/api/lago-webhook`,
    signatureAlgo: 'hmac',
  });
  owner = await signUpOwner(t.app);
  client = await addMember(t.app, owner.client, 'client', 'Ada Lovelace');
});
afterAll(async () => {
  await t.close();
  await lago.emulator.close();
});

let day = 0;
async function book(userId = client.userId) {
  day += 1;
  const start = new Date(Date.UTC(2031, 0, day, 9));
  const r = await owner.client.post('/api/appointments', {
    title: 'Consultation',
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 30 * 60_000).toISOString(),
    type: 'paid',
    price: 6500,
    currency: 'EUR',
    userId,
  });
  expect(r.statusCode).toBe(201);
  return r.json().data as { id: string };
}

const pay = (who: TestClient, id: string) => who.post(`/api/appointments/${id}/pay`);
const shown = async (id: string) => (await client.client.get(`/api/appointments/${id}`)).json().data;
const injectFault = (fault: Record<string, unknown>) => lago.control('POST', '/faults', fault);
const customerUpserts = async () =>
  (await lago.control<{ requestCounts: Record<string, number> }>('GET', '/state')).requestCounts[
    'POST /api/v1/customers'
  ] ?? 0;

describe('paying online through the payment provider Lago links', () => {
  it('answers the invoice with a checkout link, and paying there marks the appointment paid', async () => {
    const appointment = await book();

    const r = await pay(client.client, appointment.id);

    expect(r.statusCode).toBe(200);
    const result = r.json().data;
    expect(result).toMatchObject({ amount: 6500, paymentStatus: 'pending', paymentUrlPending: false });
    expect(result.paymentUrl).toBe(`${lago.emulator.url}/checkout/${result.invoiceId}`);
    // The client's Lago customer is linked to the provider, and was created there (sync_with_provider).
    const customer = (await lago.client.customers.findCustomer(`rdv_${owner.tenantId}_user_${client.userId}`))
      .data.customer;
    expect(customer.billing_configuration).toMatchObject({
      payment_provider: 'stripe',
      payment_provider_code: 'stripe_eu',
      provider_customer_id: expect.stringMatching(/^cus_/),
    });

    // The client pays on the provider's page; Lago's signed webhook reaches the app.
    const checkout = await fetch(`${result.paymentUrl}/pay`, { method: 'POST', redirect: 'manual' });
    expect(checkout.status).toBe(200);
    expect(await shown(appointment.id)).toMatchObject({ isPaid: true, paymentStatus: 'succeeded' });
    const again = await pay(client.client, appointment.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_PAID');
  });

  it('gives the same invoice with a link again on the next call, to the client and to staff', async () => {
    const appointment = await book();
    const first = (await pay(client.client, appointment.id)).json().data;
    const byClient = (await pay(client.client, appointment.id)).json().data;
    const byStaff = (await pay(owner.client, appointment.id)).json().data;
    expect(byClient).toEqual(first);
    expect(byStaff).toEqual(first);
    expect(first.paymentUrl).toContain(first.invoiceId);
    const invoices = (await lago.control<{ invoices: { lago_id: string }[] }>('GET', '/state')).invoices;
    expect(invoices.filter((i) => i.lago_id === first.invoiceId)).toHaveLength(1);
  });

  it('tells a client to try again when Lago fails to give the link, keeping the one invoice; staff get the invoice', async () => {
    const appointment = await book();
    await injectFault({ path: '/payment_url$', method: 'POST', status: 503, times: 2 });

    const failed = await pay(client.client, appointment.id);

    expect(failed.statusCode).toBe(502);
    expect(failed.json().error).toMatchObject({
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
      message: expect.stringContaining('is issued, but Lago did not answer with its payment page'),
    });
    const invoiceId = (await shown(appointment.id)).lagoInvoiceId;
    expect(invoiceId).toEqual(expect.any(String));
    // Staff came for the invoice: they get it, without the link, while Lago still fails.
    const staff = await pay(owner.client, appointment.id);
    expect(staff.statusCode).toBe(200);
    expect(staff.json().data).toMatchObject({ invoiceId, paymentUrl: null, paymentUrlPending: false });
    // Lago answers again: the same invoice, now with its link.
    const retry = (await pay(client.client, appointment.id)).json().data;
    expect(retry).toMatchObject({ invoiceId, paymentUrl: expect.stringContaining(invoiceId) });
  });

  it('answers no link when Lago says the client cannot pay online (no provider linked)', async () => {
    const appointment = await book();
    const first = (await pay(client.client, appointment.id)).json().data;
    // An administrator removed the customer's provider in Lago meanwhile.
    const unlinked = await fetch(`${lago.emulator.url}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: {
          external_id: `rdv_${owner.tenantId}_user_${client.userId}`,
          billing_configuration: { payment_provider: null },
        },
      }),
    });
    expect(unlinked.status).toBe(200);
    const direct = await fetch(`${lago.emulator.url}/api/v1/invoices/${first.invoiceId}/payment_url`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(direct.status).toBe(422);
    // Our next upsert links the customer again: a retry has its link back.
    const retry = (await pay(client.client, appointment.id)).json().data;
    expect(retry.paymentUrl).toContain(first.invoiceId);
  });

  it('says the link is on its way while Lago creates a new client at the provider, then gives it', async () => {
    const newcomer = await addMember(t.app, owner.client, 'client', 'Grace Hopper');
    // Lago creates the customer at Stripe in a background job: here it takes a minute.
    await lago.control('POST', '/payment-provider', { customerDelayMs: 60_000 });
    try {
      const appointment = await book(newcomer.userId);

      const first = await pay(newcomer.client, appointment.id);

      expect(first.statusCode).toBe(200);
      const invoice = first.json().data;
      expect(invoice).toMatchObject({ paymentStatus: 'pending', paymentUrl: null, paymentUrlPending: true });
      const upserts = await customerUpserts();
      const staff = (await pay(owner.client, appointment.id)).json().data;
      expect(staff).toMatchObject({
        invoiceId: invoice.invoiceId,
        paymentUrl: null,
        paymentUrlPending: true,
      });
      const again = (await pay(newcomer.client, appointment.id)).json().data;
      expect(again).toMatchObject({ paymentUrl: null, paymentUrlPending: true });
      // Lago is creating the customer at the provider: asking again queues no second creation.
      expect(await customerUpserts()).toBe(upserts);
      // Lago's job has run: the next call has the link, for the same invoice.
      await lago.control('POST', '/clock', { advanceMs: 60_000 });
      const later = (await pay(newcomer.client, appointment.id)).json().data;
      expect(later).toMatchObject({
        invoiceId: invoice.invoiceId,
        paymentUrl: expect.stringContaining(invoice.invoiceId),
        paymentUrlPending: false,
      });
      const invoices = (await lago.control<{ invoices: { lago_id: string }[] }>('GET', '/state')).invoices;
      expect(invoices.filter((i) => i.lago_id === invoice.invoiceId)).toHaveLength(1);
    } finally {
      await lago.control('POST', '/payment-provider', { customerDelayMs: 0 });
    }
  });

  it('queues one creation at the provider for a new client who pays twice while Lago is creating them', async () => {
    const newcomer = await addMember(t.app, owner.client, 'client', 'Mary Jackson');
    const customerId = `rdv_${owner.tenantId}_user_${newcomer.userId}`;
    const jobs = async () =>
      (await lago.control<{ providerCustomerJobs: Record<string, number> }>('GET', '/state'))
        .providerCustomerJobs[customerId] ?? 0;
    await lago.control('POST', '/payment-provider', { customerDelayMs: 60_000 });
    try {
      const [first, second] = [await book(newcomer.userId), await book(newcomer.userId)];

      const one = (await pay(newcomer.client, first.id)).json().data;
      const two = (await pay(newcomer.client, second.id)).json().data;

      expect([one.paymentUrlPending, two.paymentUrlPending]).toEqual([true, true]);
      // Every linking upsert queues a job in Lago, and two at once could create the client twice
      // at Stripe: the second invoice sends the client's details without linking them again.
      expect(await jobs()).toBe(1);
      await lago.control('POST', '/clock', { advanceMs: 60_000 });
      const links = [
        (await pay(newcomer.client, first.id)).json().data,
        (await pay(newcomer.client, second.id)).json().data,
      ];
      expect(links.map((link) => link.paymentUrl)).toEqual([
        expect.stringContaining(one.invoiceId),
        expect.stringContaining(two.invoiceId),
      ]);
      // A third invoice for a client already at the provider links nothing either.
      await pay(newcomer.client, (await book(newcomer.userId)).id);
      expect(await jobs()).toBe(1);
    } finally {
      await lago.control('POST', '/payment-provider', { customerDelayMs: 0 });
    }
  });

  it('links again a customer Lago has at the provider without creating them there', async () => {
    const appointment = await book();
    const first = (await pay(client.client, appointment.id)).json().data;
    const customerId = `rdv_${owner.tenantId}_user_${client.userId}`;
    // In Lago meanwhile: still Stripe, but no customer at Stripe and none being made.
    const unlinked = await fetch(`${lago.emulator.url}/api/v1/customers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        customer: {
          external_id: customerId,
          billing_configuration: {
            payment_provider: 'stripe',
            provider_customer_id: null,
            sync_with_provider: false,
          },
        },
      }),
    });
    expect(unlinked.status).toBe(200);
    const upserts = await customerUpserts();

    const retry = (await pay(client.client, appointment.id)).json().data;

    expect(retry).toMatchObject({
      paymentUrl: expect.stringContaining(first.invoiceId),
      paymentUrlPending: false,
    });
    expect(await customerUpserts()).toBe(upserts + 1);
  });

  it('answers no link, and nothing pending, for a provider without a checkout (GoCardless)', async () => {
    const appointment = await book();
    const first = (await pay(client.client, appointment.id)).json().data;
    const customerId = `rdv_${owner.tenantId}_user_${client.userId}`;
    const relinked = await lago.client.customers.createCustomer({
      customer: { external_id: customerId, billing_configuration: { payment_provider: 'gocardless' } },
    });
    expect(relinked.data.customer.billing_configuration?.payment_provider).toBe('gocardless');
    try {
      const answer = (await pay(client.client, appointment.id)).json().data;
      expect(answer).toMatchObject({
        invoiceId: first.invoiceId,
        paymentUrl: null,
        paymentUrlPending: false,
      });
    } finally {
      await lago.client.customers.createCustomer({
        customer: { external_id: customerId, billing_configuration: { payment_provider: 'stripe' } },
      });
    }
  });

  describe('a client the payment provider refuses to register', () => {
    const stripeError = { message: 'Invalid phone number: +33 6', error_code: 'phone_invalid' };
    const refusals = async (customerId: string) =>
      (await t.database.db.select().from(lagoCustomerProviderErrors)).filter(
        (row) => row.customerExternalId === customerId,
      );

    it('says so instead of "on its way", with the provider’s words for staff only, and tries again once the details change', async () => {
      const refused = await addMember(t.app, owner.client, 'client', 'Alan Turing');
      const customerId = `rdv_${owner.tenantId}_user_${refused.userId}`;
      await lago.control('POST', '/payment-provider', { customerError: stripeError });
      try {
        const appointment = await book(refused.userId);
        // Lago's job fails at the provider after the invoice is made: until its webhook, pending.
        const first = (await pay(refused.client, appointment.id)).json().data;
        expect(first).toMatchObject({ paymentUrl: null, paymentUrlPending: true, providerRefusal: null });
        await lago.flush();
        expect(await refusals(customerId)).toHaveLength(1);
        const upserts = await customerUpserts();

        const byClient = (await pay(refused.client, appointment.id)).json().data;
        const byStaff = (await pay(owner.client, appointment.id)).json().data;

        expect(byClient).toMatchObject({
          invoiceId: first.invoiceId,
          paymentUrl: null,
          paymentUrlPending: false,
          providerRefusal: { message: null, failedAt: expect.any(String) },
        });
        expect(byStaff).toMatchObject({
          paymentUrl: null,
          paymentUrlPending: false,
          providerRefusal: { message: stripeError.message },
        });
        // Nothing changed: the client is not sent to Lago again, which would only fail again.
        expect(await customerUpserts()).toBe(upserts);
        // Staff see it in the payments list too; the invoice is the only one refused.
        const listed = (await owner.client.get('/api/payments')).json().data as {
          appointmentId: string;
          providerRefused: boolean;
        }[];
        expect(listed.filter((row) => row.providerRefused).map((row) => row.appointmentId)).toEqual([
          appointment.id,
        ]);
        // A second invoice for the refused client says so at once, and queues no creation.
        const jobs = async () =>
          (await lago.control<{ providerCustomerJobs: Record<string, number> }>('GET', '/state'))
            .providerCustomerJobs[customerId];
        const jobsBefore = await jobs();
        const another = (await pay(refused.client, (await book(refused.userId)).id)).json().data;
        expect(another).toMatchObject({
          paymentUrl: null,
          paymentUrlPending: false,
          providerRefusal: { message: null },
        });
        expect(await jobs()).toBe(jobsBefore);

        // The client corrects their phone; the provider takes them this time.
        await lago.control('POST', '/payment-provider', { customerError: null });
        const corrected = await refused.client.patch('/api/me', { phone: '+33 6 12 34 56 78' });
        expect(corrected.statusCode).toBe(200);
        const retry = (await pay(refused.client, appointment.id)).json().data;
        expect(retry).toMatchObject({
          invoiceId: first.invoiceId,
          paymentUrl: expect.stringContaining(first.invoiceId),
          providerRefusal: null,
        });
        // The second invoice sent the client's details (unlinked), the retry linked them.
        expect(await customerUpserts()).toBe(upserts + 2);
        await lago.flush();
        expect(await refusals(customerId)).toEqual([]);
        const after = (await owner.client.get('/api/payments')).json().data as { providerRefused: boolean }[];
        expect(after.some((row) => row.providerRefused)).toBe(false);
      } finally {
        await lago.control('POST', '/payment-provider', { customerError: null });
      }
    });

    it('sends the client again on the first call an hour after the refusal, details unchanged', async () => {
      const refused = await addMember(t.app, owner.client, 'client', 'Katherine Johnson');
      const customerId = `rdv_${owner.tenantId}_user_${refused.userId}`;
      await lago.control('POST', '/payment-provider', { customerError: stripeError });
      try {
        const appointment = await book(refused.userId);
        await pay(refused.client, appointment.id);
        await lago.flush();
        const [refusal] = await refusals(customerId);
        expect(refusal).toBeDefined();
        // Still refused by the provider (its configuration, say): the refusal stands within the hour.
        expect((await pay(owner.client, appointment.id)).json().data.providerRefusal).not.toBeNull();
        const anHourAgo = new Date(Date.now() - PROVIDER_REFUSAL_RETRY_MS);
        await t.database.db
          .update(lagoCustomerProviderErrors)
          .set({ failedAt: anHourAgo })
          .where(eq(lagoCustomerProviderErrors.customerExternalId, customerId));
        const upserts = await customerUpserts();

        const later = (await pay(owner.client, appointment.id)).json().data;

        // Sent again: Lago tries the provider anew, and it is on its way until its answer.
        expect(await customerUpserts()).toBe(upserts + 1);
        expect(later).toMatchObject({ paymentUrl: null, paymentUrlPending: true, providerRefusal: null });
        await lago.flush();
        const [again] = await refusals(customerId);
        expect(again!.failedAt.getTime()).toBeGreaterThan(anHourAgo.getTime());
      } finally {
        await lago.control('POST', '/payment-provider', { customerError: null });
      }
    });

    it('asks the provider again at once when staff say so (its settings fixed), never for a client', async () => {
      const refused = await addMember(t.app, owner.client, 'client', 'Grace Hopper');
      const customerId = `rdv_${owner.tenantId}_user_${refused.userId}`;
      const jobs = async () =>
        (await lago.control<{ providerCustomerJobs: Record<string, number> }>('GET', '/state'))
          .providerCustomerJobs[customerId];
      await lago.control('POST', '/payment-provider', { customerError: stripeError });
      try {
        const appointment = await book(refused.userId);
        await pay(refused.client, appointment.id);
        await lago.flush();
        expect(await refusals(customerId)).toHaveLength(1);
        const jobsBefore = await jobs();

        // A client may not: each ask queues a creation at the provider. Refused, nothing sent.
        const byClient = await refused.client.post(`/api/appointments/${appointment.id}/pay`, {
          askProviderAgain: true,
        });
        expect(byClient.statusCode).toBe(403);
        expect(byClient.json().error).toMatchObject({
          code: 'FORBIDDEN',
          message: expect.stringContaining('askProviderAgain'),
        });
        expect(await jobs()).toBe(jobsBefore);
        expect(await refusals(customerId)).toHaveLength(1);
        const badBody = await owner.client.post(`/api/appointments/${appointment.id}/pay`, {
          askProviderAgain: 'yes',
        });
        expect(badBody.statusCode).toBe(400);
        expect(badBody.body).toContain('askProviderAgain');
        expect(await jobs()).toBe(jobsBefore);

        // The practice fixes its provider's settings; the details and the hour are unchanged.
        await lago.control('POST', '/payment-provider', { customerError: null });
        const plain = (await pay(owner.client, appointment.id)).json().data;
        expect(plain.providerRefusal).not.toBeNull();
        const asked = await owner.client.post(`/api/appointments/${appointment.id}/pay`, {
          askProviderAgain: true,
        });

        expect(asked.statusCode).toBe(200);
        expect(asked.json().data).toMatchObject({ providerRefusal: null });
        expect(await jobs()).toBe(jobsBefore + 1);
        expect(await refusals(customerId)).toEqual([]);
        await lago.flush();
        const link = (await pay(refused.client, appointment.id)).json().data;
        expect(link.paymentUrl).toEqual(expect.stringContaining(link.invoiceId));
      } finally {
        await lago.control('POST', '/payment-provider', { customerError: null });
      }
    });

    it('records a refusal only for a client this practice has invoiced', async () => {
      const stranger = `rdv_${owner.tenantId}_user_nobody`;
      await lago.client.customers.createCustomer({ customer: { external_id: stranger, name: 'Nobody' } });
      await lago.control('POST', '/payment-provider', { customerError: stripeError });
      try {
        await lago.client.customers.createCustomer({
          customer: {
            external_id: stranger,
            billing_configuration: { payment_provider: 'stripe', sync_with_provider: true },
          },
        });
        await lago.flush();
        const delivered = await lago.control<
          { webhookType: string; body: string; attempts: { receiverStatus: number }[] }[]
        >('GET', '/webhooks?type=customer.payment_provider_error');
        const forStranger = delivered.filter((hook) => hook.body.includes(stranger));
        expect(forStranger).toHaveLength(1);
        // Acknowledged (Lago would retry anything else), and nothing recorded.
        expect(forStranger[0]!.attempts.at(-1)?.receiverStatus).toBe(200);
        expect(await refusals(stranger)).toEqual([]);
      } finally {
        await lago.control('POST', '/payment-provider', { customerError: null });
      }
    });
  });
});
