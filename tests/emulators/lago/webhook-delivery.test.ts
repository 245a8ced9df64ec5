import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookAttempt } from '../../../emulators/lago/webhooks.ts';
import {
  type LagoHarness,
  type Receiver,
  seedCustomerAndAddOn,
  startHarness,
  startReceiver,
} from './support.ts';

describe('webhook delivery', () => {
  let harness: LagoHarness;
  let receiver: Receiver;

  beforeAll(async () => {
    harness = await startHarness();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await harness.emulator.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await harness.control('POST', '/reset');
    receiver.clear();
    await seedCustomerAndAddOn(harness);
    // Registered after seeding, so the customer.created webhook is not in the way.
    await harness.control('POST', '/webhook-endpoints', { url: receiver.url, signatureAlgo: 'hmac' });
  });

  async function createInvoice() {
    const { data } = await harness.client.invoices.createInvoice({
      invoice: { external_customer_id: 'cust-1', fees: [{ add_on_code: 'appointment' }] },
    });
    return data.invoice;
  }

  const payloadOf = (webhook: { rawBody: string }) => JSON.parse(webhook.rawBody);

  it('announces a one-off invoice with invoice.one_off_created (not invoice.created)', async () => {
    const invoice = await createInvoice();
    await harness.flush();

    expect(receiver.received.map((webhook) => payloadOf(webhook).webhook_type)).toEqual([
      'invoice.one_off_created',
    ]);
    const payload = payloadOf(receiver.received[0]!);
    const state = await harness.control<{ organization: { id: string } }>('GET', '/state');
    expect(payload).toMatchObject({
      webhook_type: 'invoice.one_off_created',
      object_type: 'invoice',
      organization_id: state.organization.id,
      invoice: { lago_id: invoice.lago_id, payment_status: 'pending', customer: { external_id: 'cust-1' } },
    });
  });

  it('answers the API call without waiting for the receiver', async () => {
    const release = receiver.hold();

    const invoice = await createInvoice();

    expect(invoice.lago_id).toBeDefined();
    release();
    await harness.flush();
    expect(receiver.ofType('invoice.one_off_created')).toHaveLength(1);
  });

  it('retries a receiver that did not answer 2xx once the backoff has passed on the emulator clock', async () => {
    receiver.answerWith(500);
    await createInvoice();

    await harness.flush();
    const [afterFirst] = await harness.deliveries('invoice.one_off_created');
    expect(afterFirst).toMatchObject({ status: 'pending', retries: 1 });
    expect(afterFirst?.attempts.map((attempt) => attempt.receiverStatus)).toEqual([500]);

    // Not due yet: Lago waits retries**4 + 2 = 3 seconds before the second attempt.
    await harness.flush();
    expect(receiver.received).toHaveLength(1);

    await harness.advanceClock(3_000);
    await harness.flush();
    const [afterRetry] = await harness.deliveries('invoice.one_off_created');
    expect(afterRetry?.status).toBe('succeeded');
    expect(afterRetry?.attempts.map((attempt) => [attempt.attempt, attempt.receiverStatus])).toEqual([
      [1, 500],
      [2, 200],
    ]);
  });

  it('keeps the same X-Lago-Unique-Key, signature and body on every retry', async () => {
    receiver.answerWith(503);
    await createInvoice();
    await harness.flush();
    await harness.advanceClock(3_000);
    await harness.flush();

    const [first, retry] = receiver.received;
    expect(retry?.headers['x-lago-unique-key']).toBe(first?.headers['x-lago-unique-key']);
    expect(retry?.headers['x-lago-signature']).toBe(first?.headers['x-lago-signature']);
    expect(retry?.rawBody).toBe(first?.rawBody);
  });

  it('gives up after 3 attempts (LAGO_WEBHOOK_ATTEMPTS), waiting 3 s then 18 s', async () => {
    receiver.answerWith(500, 500, 500, 500);
    await createInvoice();

    await harness.flush();
    await harness.advanceClock(3_000);
    await harness.flush();
    await harness.advanceClock(17_000);
    await harness.flush();
    expect(receiver.received).toHaveLength(2);
    await harness.advanceClock(1_000);
    await harness.flush();
    await harness.advanceClock(3_600_000);
    await harness.flush();

    const [delivery] = await harness.deliveries('invoice.one_off_created');
    expect(delivery).toMatchObject({ status: 'failed', retries: 3, nextAttemptAt: null });
    expect(receiver.received).toHaveLength(3);
  });

  it('counts an unreachable receiver as a failed attempt', async () => {
    await harness.control('POST', '/reset');
    await seedCustomerAndAddOn(harness);
    await harness.control('POST', '/webhook-endpoints', { url: 'http://127.0.0.1:9/nowhere' });
    await createInvoice();
    await harness.flush();

    const [delivery] = await harness.deliveries('invoice.one_off_created');
    expect(delivery?.status).toBe('pending');
    expect(delivery?.attempts[0]).toMatchObject({ receiverStatus: null, error: expect.any(String) });
  });

  it('replays a delivered webhook verbatim, same unique key, so the receiver can deduplicate', async () => {
    await createInvoice();
    await harness.flush();
    const [delivery] = await harness.deliveries('invoice.one_off_created');

    const attempt = await harness.control<WebhookAttempt>('POST', `/webhooks/${delivery?.id}/replay`);

    expect(attempt).toMatchObject({ attempt: 2, isReplay: true, receiverStatus: 200 });
    const [original, replayed] = receiver.received;
    expect(replayed?.headers['x-lago-unique-key']).toBe(delivery?.id);
    expect(replayed?.headers['x-lago-unique-key']).toBe(original?.headers['x-lago-unique-key']);
    expect(replayed?.headers['x-lago-signature']).toBe(original?.headers['x-lago-signature']);
    expect(replayed?.rawBody).toBe(original?.rawBody);
  });

  it('reports a successful payment with invoice.payment_status_updated, payment_status succeeded', async () => {
    const invoice = await createInvoice();

    await harness.control('POST', `/invoices/${invoice.lago_id}/payment`, { status: 'succeeded' });
    await harness.flush();

    const [update] = receiver.ofType('invoice.payment_status_updated');
    expect(payloadOf(update!).invoice).toMatchObject({
      lago_id: invoice.lago_id,
      payment_status: 'succeeded',
      total_due_amount_cents: 0,
    });
    expect(receiver.ofType('invoice.payment_failure')).toHaveLength(0);
    const found = await harness.client.invoices.findInvoice(invoice.lago_id);
    expect(found.data.invoice.payment_status).toBe('succeeded');
  });

  it('reports a failed payment with payment_status failed and an invoice.payment_failure', async () => {
    const invoice = await createInvoice();

    await harness.control('POST', `/invoices/${invoice.lago_id}/payment`, {
      status: 'failed',
      providerError: { message: 'Insufficient funds', error_code: 'insufficient_funds' },
    });
    await harness.flush();

    const [update] = receiver.ofType('invoice.payment_status_updated');
    expect(payloadOf(update!).invoice.payment_status).toBe('failed');
    const [failure] = receiver.ofType('invoice.payment_failure');
    expect(payloadOf(failure!)).toMatchObject({
      object_type: 'payment_provider_invoice_payment_error',
      payment_provider_invoice_payment_error: {
        lago_invoice_id: invoice.lago_id,
        external_customer_id: 'cust-1',
        provider_error: { message: 'Insufficient funds', error_code: 'insufficient_funds' },
      },
    });
  });

  it('counts a receiver that does not answer within the timeout as a failed attempt', async () => {
    const impatient = await startHarness({ webhookTimeoutMs: 50 });
    await seedCustomerAndAddOn(impatient);
    await impatient.control('POST', '/webhook-endpoints', { url: receiver.url });
    const release = receiver.hold();
    await impatient.client.invoices.createInvoice({
      invoice: { external_customer_id: 'cust-1', fees: [{ add_on_code: 'appointment' }] },
    });

    await impatient.flush();
    release();
    const [delivery] = await impatient.deliveries('invoice.one_off_created');
    expect(delivery).toMatchObject({ status: 'pending', retries: 1 });
    expect(delivery?.attempts[0]?.error).toMatch(/timeout/i);
    await impatient.emulator.close();
  });

  it('marks a zero-amount invoice paid at once, with nothing left to collect', async () => {
    const { data } = await harness.client.invoices.createInvoice({
      invoice: {
        external_customer_id: 'cust-1',
        fees: [{ add_on_code: 'appointment', unit_amount_cents: 0 }],
      },
    });
    expect(data.invoice).toMatchObject({ total_amount_cents: 0, payment_status: 'succeeded' });
  });

  it('sends customer.created then customer.updated for an upsert', async () => {
    await harness.client.customers.createCustomer({ customer: { external_id: 'new-1', name: 'New' } });
    await harness.client.customers.createCustomer({ customer: { external_id: 'new-1', name: 'Renamed' } });
    await harness.flush();

    const types = receiver.received.map((webhook) => payloadOf(webhook).webhook_type);
    expect(types).toEqual(['customer.created', 'customer.updated']);
  });

  it('sends only the event types an endpoint registered through Lago’s API asked for', async () => {
    await harness.control('POST', '/reset');
    await seedCustomerAndAddOn(harness);
    await harness.client.webhookEndpoints.createWebhookEndpoint({
      webhook_endpoint: {
        webhook_url: receiver.url,
        signature_algo: 'hmac',
        event_types: ['invoice.payment_status_updated'],
      },
    });
    const invoice = await createInvoice();
    await harness.control('POST', `/invoices/${invoice.lago_id}/payment`, { status: 'succeeded' });
    await harness.flush();

    expect(receiver.received.map((webhook) => payloadOf(webhook).webhook_type)).toEqual([
      'invoice.payment_status_updated',
    ]);
  });

  it('signs with JWT for an endpoint registered through Lago’s API without signature_algo', async () => {
    await harness.control('POST', '/reset');
    const { data } = await harness.client.webhookEndpoints.createWebhookEndpoint({
      webhook_endpoint: { webhook_url: receiver.url },
    });
    expect(data.webhook_endpoint.signature_algo).toBe('jwt');

    await harness.client.customers.createCustomer({ customer: { external_id: 'jwt-1' } });
    await harness.flush();
    expect(receiver.received[0]?.headers['x-lago-signature-algorithm']).toBe('jwt');
  });
});
