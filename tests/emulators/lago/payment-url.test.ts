import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type LagoHarness,
  rejectionOf,
  seedCustomerAndAddOn,
  startHarness,
  startReceiver,
} from './support.ts';

/**
 * `POST /invoices/:lago_id/payment_url` driven by lago-javascript-client (`invoicePaymentUrl`),
 * against lago-openapi InvoicePaymentUrl and lago-api GeneratePaymentUrlService's refusals, and
 * the emulated checkout page the link leads to.
 */
let harness: LagoHarness;
const successUrl = 'http://127.0.0.1:9/dashboard/payments';

beforeAll(async () => {
  harness = await startHarness({ checkoutSuccessUrl: successUrl });
});
afterAll(async () => harness.emulator.close());
beforeEach(async () => {
  await harness.control('POST', '/reset');
  await seedCustomerAndAddOn(harness, 'cust-1');
});

const refusal = (code: string) => ({
  status: 422,
  error: 'Unprocessable Entity',
  code: 'validation_errors',
  error_details: { base: [code] },
  error_extra: {},
});

async function linkCustomer(billing: Record<string, unknown>) {
  const { data } = await harness.client.customers.createCustomer({
    customer: { external_id: 'cust-1', billing_configuration: billing },
  });
  return data.customer;
}

async function invoice() {
  const { data } = await harness.client.invoices.createInvoice({
    invoice: {
      external_customer_id: 'cust-1',
      fees: [{ add_on_code: 'appointment', unit_amount_cents: 6500 }],
    },
  });
  return data.invoice;
}

describe('payment URLs', () => {
  it('gives a customer synced with Stripe a checkout link for an unpaid invoice', async () => {
    const customer = await linkCustomer({ payment_provider: 'stripe', sync_with_provider: true });
    // sync_with_provider: Lago created the customer at Stripe and keeps its id.
    expect(customer.billing_configuration?.provider_customer_id).toMatch(/^cus_\w+$/);
    const { lago_id } = await invoice();

    const { status, data } = await harness.client.invoices.invoicePaymentUrl(lago_id);
    expect(status).toBe(200);
    expect(data).toEqual({
      invoice_payment_details: {
        lago_customer_id: customer.lago_id,
        lago_invoice_id: lago_id,
        external_customer_id: 'cust-1',
        payment_provider: 'stripe',
        payment_url: `${harness.emulator.url}/checkout/${lago_id}`,
      },
    });
  });

  it('refuses, as Lago does, a customer without a provider, GoCardless, no provider customer, a paid invoice', async () => {
    const { lago_id } = await invoice();
    const refusedWith = async (code: string) => {
      const failure = await rejectionOf(harness.client.invoices.invoicePaymentUrl(lago_id));
      expect(failure).toEqual({ status: 422, body: refusal(code) });
    };
    await refusedWith('no_linked_payment_provider');
    await linkCustomer({ payment_provider: 'gocardless', sync_with_provider: true });
    await refusedWith('invalid_payment_provider');
    // Linked to Stripe but not created there (no sync, no provider_customer_id).
    await linkCustomer({ payment_provider: 'stripe', provider_customer_id: null, sync_with_provider: false });
    await refusedWith('missing_payment_provider_customer');
    await linkCustomer({ payment_provider: 'stripe', provider_customer_id: 'cus_Given123' });
    expect((await harness.client.invoices.invoicePaymentUrl(lago_id)).status).toBe(200);
    await harness.client.invoices.updateInvoice(lago_id, { invoice: { payment_status: 'succeeded' } });
    await refusedWith('invalid_invoice_status_or_payment_status');
  });

  it('refuses a link until the background creation of the customer at the provider has run', async () => {
    const delay = await harness.control('POST', '/payment-provider', { customerDelayMs: 30_000 });
    expect(delay).toEqual({ customerDelayMs: 30_000, customerError: null });
    const customer = await linkCustomer({ payment_provider: 'stripe', sync_with_provider: true });
    expect(customer.billing_configuration?.provider_customer_id).toBeNull();
    const { lago_id } = await invoice();
    const failure = await rejectionOf(harness.client.invoices.invoicePaymentUrl(lago_id));
    expect(failure).toEqual({ status: 422, body: refusal('missing_payment_provider_customer') });

    await harness.control('POST', '/clock', { advanceMs: 30_000 });

    const { status, data } = await harness.client.invoices.invoicePaymentUrl(lago_id);
    expect(status).toBe(200);
    expect(data.invoice_payment_details?.payment_url).toContain(lago_id);
    const linked = await harness.client.customers.findCustomer('cust-1');
    expect(linked.data.customer.billing_configuration?.provider_customer_id).toMatch(/^cus_\w+$/);
    // A delay is a whole number of milliseconds, 0 or more.
    const wrong = await fetch(`${harness.emulator.url}/__emulator/payment-provider`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerDelayMs: -1 }),
    });
    expect(wrong.status).toBe(400);
  });

  it('tells of a customer the provider refused, keeps no id, and tries again on the next upsert', async () => {
    const receiver = await startReceiver();
    try {
      await harness.control('POST', '/webhook-endpoints', { url: receiver.url, signatureAlgo: 'hmac' });
      const stripeError = { message: 'Invalid email address: jean@', error_code: 'email_invalid' };
      await harness.control('POST', '/payment-provider', { customerError: stripeError });
      const customer = await linkCustomer({ payment_provider: 'stripe', sync_with_provider: true });
      expect(customer.billing_configuration?.provider_customer_id).toBeNull();
      const { lago_id } = await invoice();
      const failure = await rejectionOf(harness.client.invoices.invoicePaymentUrl(lago_id));
      expect(failure).toEqual({ status: 422, body: refusal('missing_payment_provider_customer') });
      await harness.flush();
      const [refused] = receiver.ofType('customer.payment_provider_error');
      // lago-openapi CustomerPaymentProviderErrorObject
      expect(JSON.parse(refused!.rawBody)).toMatchObject({
        webhook_type: 'customer.payment_provider_error',
        object_type: 'payment_provider_customer_error',
        payment_provider_customer_error: {
          lago_customer_id: customer.lago_id,
          external_customer_id: 'cust-1',
          payment_provider: 'stripe',
          provider_error: stripeError,
        },
      });
      expect(receiver.ofType('customer.payment_provider_created')).toHaveLength(0);

      // Fixed at the provider: the next upsert queues the creation again, and it is made.
      await harness.control('POST', '/payment-provider', { customerError: null });
      const linked = await linkCustomer({ payment_provider: 'stripe', sync_with_provider: true });
      expect(linked.billing_configuration?.provider_customer_id).toMatch(/^cus_\w+$/);
      expect((await harness.client.invoices.invoicePaymentUrl(lago_id)).status).toBe(200);
      await harness.flush();
      const [created] = receiver.ofType('customer.payment_provider_created');
      expect(JSON.parse(created!.rawBody)).toMatchObject({
        object_type: 'customer',
        customer: {
          external_id: 'cust-1',
          billing_configuration: { provider_customer_id: expect.any(String) },
        },
      });
    } finally {
      await receiver.close();
    }
  });

  it('answers 404 invoice_not_found for an unknown invoice', async () => {
    const failure = await rejectionOf(
      harness.client.invoices.invoicePaymentUrl('5eb02857-a71e-4ea2-bcf9-57d3a41bc6ba'),
    );
    expect(failure.body).toEqual({ status: 404, error: 'Not Found', code: 'invoice_not_found' });
  });
});

describe('the emulated checkout page', () => {
  it('shows the invoice, and paying it settles the invoice and sends the payer to the success URL', async () => {
    await linkCustomer({ payment_provider: 'stripe', sync_with_provider: true });
    const { lago_id, number } = await invoice();
    const { data } = await harness.client.invoices.invoicePaymentUrl(lago_id);
    const checkout = data.invoice_payment_details!.payment_url!;

    const page = await fetch(checkout);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('€65.00');
    expect(html).toContain(number);

    // A declined card: the invoice fails, and the page says so and offers to pay again.
    // Posted as the page's forms post, form-encoded.
    const form = { method: 'POST', redirect: 'manual', body: new URLSearchParams() } as const;
    const declined = await fetch(`${checkout}/decline`, form);
    expect(declined.status).toBe(303);
    expect((await harness.client.invoices.findInvoice(lago_id)).data.invoice.payment_status).toBe('failed');
    expect(await (await fetch(checkout)).text()).toContain('Your card was declined');

    const paid = await fetch(`${checkout}/pay`, form);
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(successUrl);
    expect((await harness.client.invoices.findInvoice(lago_id)).data.invoice.payment_status).toBe(
      'succeeded',
    );
    expect(await (await fetch(checkout)).text()).toContain('This invoice is paid.');
  });

  it('answers 404 for a link to no invoice', async () => {
    expect((await fetch(`${harness.emulator.url}/checkout/unknown`)).status).toBe(404);
    expect((await fetch(`${harness.emulator.url}/checkout/unknown/pay`, { method: 'POST' })).status).toBe(
      404,
    );
  });
});
