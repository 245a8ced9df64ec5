import { Client } from 'lago-javascript-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type LagoHarness,
  rejectionOf,
  seedCustomerAndAddOn,
  startHarness,
  startReceiver,
} from './support.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('Lago emulator driven by lago-javascript-client', () => {
  let harness: LagoHarness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.emulator.close());
  beforeEach(async () => {
    await harness.control('POST', '/reset');
  });

  describe('customers', () => {
    it('creates a customer by external_id and reads it back', async () => {
      const { data } = await harness.client.customers.createCustomer({
        customer: {
          external_id: 'tenant-1:client-9',
          name: 'Ada',
          email: 'ada@example.test',
          currency: 'EUR',
        },
      });

      expect(data.customer).toMatchObject({
        external_id: 'tenant-1:client-9',
        name: 'Ada',
        email: 'ada@example.test',
        currency: 'EUR',
        applicable_timezone: 'UTC',
      });
      expect(data.customer.lago_id).toMatch(UUID);
      expect(data.customer.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

      const found = await harness.client.customers.findCustomer('tenant-1:client-9');
      expect(found.data.customer).toEqual(data.customer);
    });

    it('updates the same customer when the external_id is posted again, keeping what was not sent', async () => {
      const first = await harness.client.customers.createCustomer({
        customer: { external_id: 'c-1', name: 'Ada', email: 'ada@example.test' },
      });
      const second = await harness.client.customers.createCustomer({
        customer: { external_id: 'c-1', name: 'Ada Lovelace' },
      });

      expect(second.data.customer.lago_id).toBe(first.data.customer.lago_id);
      expect(second.data.customer).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.test' });
      const state = await harness.control<{ customers: unknown[] }>('GET', '/state');
      expect(state.customers).toHaveLength(1);
    });

    it('answers 404 customer_not_found for an unknown external_id', async () => {
      const failure = await rejectionOf(harness.client.customers.findCustomer('nobody'));
      expect(failure).toEqual({
        status: 404,
        body: { status: 404, error: 'Not Found', code: 'customer_not_found' },
      });
    });

    it('answers 422 validation_errors for an invalid currency', async () => {
      const failure = await rejectionOf(
        harness.client.customers.createCustomer({
          customer: { external_id: 'c-1', currency: 'EURO' as 'EUR' },
        }),
      );
      expect(failure.status).toBe(422);
      expect(failure.body).toMatchObject({
        status: 422,
        code: 'validation_errors',
        error_details: { currency: ['value_is_invalid'] },
      });
    });

    it('answers 422 value_is_mandatory when external_id is missing', async () => {
      const failure = await rejectionOf(
        harness.client.customers.createCustomer({
          customer: { name: 'No id' } as unknown as { external_id: string },
        }),
      );
      expect(failure.body).toMatchObject({ error_details: { external_id: ['value_is_mandatory'] } });
    });
  });

  describe('one-off invoices', () => {
    beforeEach(async () => seedCustomerAndAddOn(harness, 'cust-1'));

    it('bills add-on fees and returns a finalized invoice awaiting payment', async () => {
      const { data } = await harness.client.invoices.createInvoice({
        invoice: {
          external_customer_id: 'cust-1',
          currency: 'EUR',
          fees: [
            { add_on_code: 'appointment', unit_amount_cents: 6000, units: 2, description: 'Two sessions' },
            { add_on_code: 'appointment' },
          ],
        },
      });
      const invoice = data.invoice;

      expect(invoice).toMatchObject({
        sequential_id: 1,
        invoice_type: 'one_off',
        status: 'finalized',
        payment_status: 'pending',
        currency: 'EUR',
        fees_amount_cents: 16_500,
        taxes_amount_cents: 0,
        total_amount_cents: 16_500,
        total_due_amount_cents: 16_500,
        customer: { external_id: 'cust-1' },
      });
      expect(invoice.number).toMatch(/^LAG-[0-9A-F]{4}-001-001$/);
      expect(invoice.issuing_date).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(invoice.fees).toHaveLength(2);
      expect(invoice.fees?.[0]).toMatchObject({
        amount_cents: 12_000,
        units: '2.0',
        description: 'Two sessions',
        item: { type: 'add_on', code: 'appointment' },
      });
      // Without unit_amount_cents the add-on's own price applies.
      expect(invoice.fees?.[1]).toMatchObject({ amount_cents: 4500, units: '1.0' });

      const found = await harness.client.invoices.findInvoice(invoice.lago_id);
      expect(found.data.invoice).toEqual(invoice);
    });

    it('numbers a customer’s invoices in sequence', async () => {
      const fees = [{ add_on_code: 'appointment' }];
      await harness.client.invoices.createInvoice({ invoice: { external_customer_id: 'cust-1', fees } });
      const { data } = await harness.client.invoices.createInvoice({
        invoice: { external_customer_id: 'cust-1', fees },
      });
      expect(data.invoice.sequential_id).toBe(2);
      expect(data.invoice.number).toMatch(/-001-002$/);
    });

    it('answers 404 add_on_not_found for an unknown add_on_code', async () => {
      const failure = await rejectionOf(
        harness.client.invoices.createInvoice({
          invoice: { external_customer_id: 'cust-1', currency: 'EUR', fees: [{ add_on_code: 'nope' }] },
        }),
      );
      expect(failure).toEqual({
        status: 404,
        body: { status: 404, error: 'Not Found', code: 'add_on_not_found' },
      });
    });

    it('answers 404 customer_not_found for an unknown customer', async () => {
      const failure = await rejectionOf(
        harness.client.invoices.createInvoice({
          invoice: { external_customer_id: 'ghost', fees: [{ add_on_code: 'appointment' }] },
        }),
      );
      expect(failure.body).toEqual({ status: 404, error: 'Not Found', code: 'customer_not_found' });
    });

    it('answers 404 fees_not_found when no fee is given', async () => {
      const failure = await rejectionOf(
        harness.client.invoices.createInvoice({ invoice: { external_customer_id: 'cust-1', fees: [] } }),
      );
      expect(failure.body).toEqual({ status: 404, error: 'Not Found', code: 'fees_not_found' });
    });

    it('refuses a currency other than the one the customer is billed in', async () => {
      const failure = await rejectionOf(
        harness.client.invoices.createInvoice({
          invoice: {
            external_customer_id: 'cust-1',
            currency: 'USD',
            fees: [{ add_on_code: 'appointment' }],
          },
        }),
      );
      expect(failure.status).toBe(422);
      expect(failure.body).toMatchObject({ error_details: { currency: ['currencies_does_not_match'] } });
    });

    it('answers 404 invoice_not_found for an unknown invoice', async () => {
      const failure = await rejectionOf(
        harness.client.invoices.findInvoice('5eb02857-a71e-4ea2-bcf9-57d3a41bc6ba'),
      );
      expect(failure.body).toEqual({ status: 404, error: 'Not Found', code: 'invoice_not_found' });
    });

    // The status only: Lago counts no money paid without a payment (lago-api PR #3219 set
    // total_paid_amount_cents back to 0 on invoices marked paid this way).
    it('records an out-of-band payment through PUT /invoices/:id: the status, not an amount paid', async () => {
      const { data } = await harness.client.invoices.createInvoice({
        invoice: { external_customer_id: 'cust-1', fees: [{ add_on_code: 'appointment' }] },
      });
      const updated = await harness.client.invoices.updateInvoice(data.invoice.lago_id, {
        invoice: { payment_status: 'succeeded' },
      });
      expect(updated.data.invoice).toMatchObject({
        payment_status: 'succeeded',
        total_paid_amount_cents: 0,
        total_due_amount_cents: 4500,
        fees: [{ payment_status: 'succeeded' }],
      });
      const reopened = await harness.client.invoices.updateInvoice(data.invoice.lago_id, {
        invoice: { payment_status: 'pending' },
      });
      expect(reopened.data.invoice).toMatchObject({ payment_status: 'pending' });
    });

    it('refuses an unknown payment status with 422 value_is_invalid', async () => {
      const { data } = await harness.client.invoices.createInvoice({
        invoice: { external_customer_id: 'cust-1', fees: [{ add_on_code: 'appointment' }] },
      });
      const failure = await rejectionOf(
        harness.client.invoices.updateInvoice(data.invoice.lago_id, {
          invoice: { payment_status: 'paid' as 'succeeded' },
        }),
      );
      expect(failure).toMatchObject({
        status: 422,
        body: { code: 'validation_errors', error_details: { payment_status: ['value_is_invalid'] } },
      });
    });

    it('voids an unpaid invoice (invoices.voidInvoice, no body), sending invoice.voided, and refuses a paid one with 405 not_voidable', async () => {
      const create = async () =>
        (
          await harness.client.invoices.createInvoice({
            invoice: { external_customer_id: 'cust-1', fees: [{ add_on_code: 'appointment' }] },
          })
        ).data.invoice;
      const receiver = await startReceiver();
      await harness.control('POST', '/webhook-endpoints', { url: receiver.url });
      const open = await create();

      const { data } = await harness.client.invoices.voidInvoice(open.lago_id);

      expect(data.invoice).toMatchObject({
        lago_id: open.lago_id,
        status: 'voided',
        payment_status: 'pending',
      });
      expect(data.invoice.voided_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      await harness.flush();
      await receiver.close();
      expect(receiver.ofType('invoice.voided').map((w) => JSON.parse(w.rawBody).invoice)).toMatchObject([
        { lago_id: open.lago_id, status: 'voided', customer: { external_id: 'cust-1' }, fees: [{}] },
      ]);
      // Voided once: not again, and no checkout link for it.
      const again = await rejectionOf(harness.client.invoices.voidInvoice(open.lago_id));
      expect(again).toEqual({
        status: 405,
        body: { status: 405, error: 'Method Not Allowed', code: 'not_voidable' },
      });
      const paid = await create();
      await harness.client.invoices.updateInvoice(paid.lago_id, { invoice: { payment_status: 'succeeded' } });
      expect((await rejectionOf(harness.client.invoices.voidInvoice(paid.lago_id))).status).toBe(405);
      const unknown = await rejectionOf(
        harness.client.invoices.voidInvoice('5eb02857-a71e-4ea2-bcf9-57d3a41bc6ba'),
      );
      expect(unknown.body).toMatchObject({ status: 404, code: 'invoice_not_found' });
    });

    it('lists a customer’s invoices newest first, without their fees, with pagination meta', async () => {
      await harness.client.customers.createCustomer({ customer: { external_id: 'cust-2', name: 'Grace' } });
      const fees = [{ add_on_code: 'appointment' }];
      const first = await harness.client.invoices.createInvoice({
        invoice: { external_customer_id: 'cust-1', fees },
      });
      const second = await harness.client.invoices.createInvoice({
        invoice: { external_customer_id: 'cust-1', fees },
      });
      await harness.client.invoices.createInvoice({
        invoice: { external_customer_id: 'cust-2', currency: 'EUR', fees },
      });

      const { data } = await harness.client.invoices.findAllInvoices({
        external_customer_id: 'cust-1',
        invoice_type: 'one_off',
        issuing_date_from: first.data.invoice.issuing_date,
        per_page: 1,
      });

      expect(data.invoices.map((invoice) => invoice.lago_id)).toEqual([second.data.invoice.lago_id]);
      expect(data.invoices[0]).not.toHaveProperty('fees');
      expect(data.invoices[0]).toMatchObject({ customer: { external_id: 'cust-1' }, metadata: [] });
      expect(data.meta).toEqual({
        current_page: 1,
        next_page: 2,
        prev_page: null,
        total_pages: 2,
        total_count: 2,
      });
      const none = await harness.client.invoices.findAllInvoices({
        external_customer_id: 'cust-1',
        invoice_type: 'subscription',
      });
      expect(none.data.invoices).toEqual([]);
    });
  });

  describe('webhook public key', () => {
    it('serves the PEM, Base64-encoded, as text (fetchPublicKey) and as JSON (fetchJsonPublicKey)', async () => {
      const keys = await harness.control<{ publicKeyPem: string }>('GET', '/keys');

      const text = await harness.client.webhooks.fetchPublicKey();
      const json = await harness.client.webhooks.fetchJsonPublicKey();

      expect(Buffer.from(text.data, 'base64').toString()).toBe(keys.publicKeyPem);
      expect(json.data.webhook.public_key).toBe(text.data);
      expect(keys.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    });
  });

  describe('authentication', () => {
    it('answers 401 Unauthorized to a wrong API key', async () => {
      const stranger = Client('wrong-key', { baseUrl: `${harness.emulator.url}/api/v1` });
      const failure = await rejectionOf(stranger.customers.findCustomer('anyone'));
      expect(failure).toEqual({ status: 401, body: { status: 401, error: 'Unauthorized' } });
    });

    it('answers 401 Unauthorized when no API key is sent', async () => {
      const response = await fetch(`${harness.emulator.url}/api/v1/invoices/x`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ status: 401, error: 'Unauthorized' });
    });
  });

  describe('malformed requests', () => {
    it('answers 400 when the root key is missing, as Rails params.require does', async () => {
      const response = await fetch(`${harness.emulator.url}/api/v1/invoices`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-api-key', 'content-type': 'application/json' },
        body: JSON.stringify({ external_customer_id: 'cust-1' }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        status: 400,
        error: 'BadRequest: param is missing or the value is empty: invoice',
      });
    });
  });
});
