import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareShapes } from './shape.ts';
import { fixturesDir, type LagoHarness, type Receiver, startHarness, startReceiver } from './support.ts';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(fixturesDir, name), 'utf8'));

/**
 * The emulator's output against recorded Lago payloads (fixtures/SOURCES.md). Each test lists the
 * recorded keys the emulator knowingly leaves out, and why; any other missing key, or any value of
 * another JSON type, fails.
 */
describe('emulator output against the recorded Lago payloads', () => {
  let harness: LagoHarness;
  let receiver: Receiver;
  let customerResponse: Record<string, unknown>;
  let invoiceResponse: Record<string, unknown>;
  let invoiceLagoId: string;

  beforeAll(async () => {
    harness = await startHarness();
    receiver = await startReceiver();
    await harness.control('POST', '/webhook-endpoints', { url: receiver.url, signatureAlgo: 'hmac' });
    await harness.control('POST', '/add-ons', {
      code: 'setup_fee',
      name: 'Setup Fee',
      amount_cents: 12000,
      amount_currency: 'EUR',
    });
    // The customer of the python-client fixture, with every attribute it shows filled in.
    const recordedCustomer = fixture('lago-api-customer-response.python-client-fixture.json').customer;
    const { data } = await harness.client.customers.createCustomer({
      customer: {
        ...recordedCustomer,
        external_id: 'hooli_1234',
        billing_configuration: {
          invoice_grace_period: 3,
          payment_provider: 'stripe',
          payment_provider_code: 'stripe-eu-1',
          provider_customer_id: 'cus_12345',
          sync_with_provider: true,
          document_locale: 'fr',
          provider_payment_methods: ['card', 'sepa_debit'],
        },
        tax_codes: undefined,
        integration_customers: undefined,
      },
    });
    customerResponse = data as unknown as Record<string, unknown>;
    // The request example of lago-openapi, sent as is.
    const request = fixture('lago-api-create-one-off-invoice-request.openapi-example.json');
    const response = await harness.client.invoices.createInvoice(request);
    invoiceResponse = response.data as unknown as Record<string, unknown>;
    invoiceLagoId = response.data.invoice.lago_id;
    await harness.control('POST', `/invoices/${invoiceLagoId}/payment`, { status: 'failed' });
    await harness.flush();
  });
  afterAll(async () => {
    await harness.emulator.close();
    await receiver.close();
  });

  const webhookOfType = (type: string) => JSON.parse(receiver.ofType(type)[0]?.rawBody ?? 'null');

  it('bills the openapi request example: 2.5 units of 120.00 is 300.00', () => {
    expect(invoiceResponse).toMatchObject({
      invoice: {
        fees_amount_cents: 30000,
        fees: [{ units: '2.5', unit_amount_cents: 12000, invoice_display_name: 'Setup Fee (SF1)' }],
      },
    });
  });

  it('answers customers in the shape of the python-client customer fixture', () => {
    const report = compareShapes(
      fixture('lago-api-customer-response.python-client-fixture.json'),
      customerResponse,
    );

    expect(report.typeMismatches).toEqual([]);
    expect(report.missingPaths).toEqual([
      // Billing-entity issuing-date settings are not emulated.
      '$.customer.billing_configuration.subscription_invoice_issuing_date_anchor',
      '$.customer.billing_configuration.subscription_invoice_issuing_date_adjustment',
      // Tax-provider errors never happen without taxes.
      '$.customer.error_details',
    ]);
  });

  it('answers one-off invoices in the shape of the python-client invoice fixture', () => {
    const report = compareShapes(
      fixture('lago-api-create-one-off-invoice-response.python-client-fixture.json'),
      invoiceResponse,
    );

    // units: Lago stores a decimal, which Rails renders as a string ("2.5"; the docs2023 webhook
    // shows "5.0"); the hand-written python fixture has a number.
    expect(report.typeMismatches).toEqual(['$.invoice.fees[].units: number vs string']);
    expect(report.missingPaths).toEqual([]);
  });

  it('answers the JSON public key in the shape of the python-client webhook fixture', async () => {
    const { data } = await harness.client.webhooks.fetchJsonPublicKey();
    const report = compareShapes(
      fixture('lago-api-webhooks-public_key-response.python-client-fixture.json'),
      data,
    );
    expect(report).toEqual({ typeMismatches: [], missingPaths: [] });
  });

  /** 2023 docs fields renamed since (vat_* → taxes_*, amount_* → fees_*, legacy flags). */
  const RENAMED_SINCE_2023 =
    /\.(vat_\w+|\w+_vat_\w+|amount_cents|amount_currency|credit_amount_\w+|total_amount_currency|legacy|lago_group_id)$/;

  it('sends invoice.one_off_created in the shape of the 2023 docs example, bar renamed fields', () => {
    const report = compareShapes(
      fixture('lago-webhook-invoice.one_off_created.docs2023.json'),
      webhookOfType('invoice.one_off_created'),
    );

    expect(report.typeMismatches).toEqual([]);
    expect(report.missingPaths.filter((missing) => !RENAMED_SINCE_2023.test(missing))).toEqual([]);
    // What the rename allowance covers here, spelled out so it cannot silently grow.
    expect(report.missingPaths).toEqual([
      '$.invoice.vat_amount_cents',
      '$.invoice.sub_total_vat_excluded_amount_cents',
      '$.invoice.sub_total_vat_included_amount_cents',
      '$.invoice.legacy',
      '$.invoice.amount_currency',
      '$.invoice.vat_amount_currency',
      '$.invoice.credit_amount_currency',
      '$.invoice.total_amount_currency',
      '$.invoice.amount_cents',
      '$.invoice.credit_amount_cents',
      '$.invoice.customer.billing_configuration.vat_rate',
      '$.invoice.fees[].lago_group_id',
      '$.invoice.fees[].vat_amount_cents',
      '$.invoice.fees[].vat_amount_currency',
    ]);
  });

  it('sends invoice.payment_status_updated in the shape of the 2023 docs example, bar renamed fields', () => {
    const sent = webhookOfType('invoice.payment_status_updated');
    const report = compareShapes(fixture('lago-webhook-invoice.payment_status_updated.docs2023.json'), sent);

    expect(report.typeMismatches).toEqual([]);
    expect(report.missingPaths.filter((missing) => !RENAMED_SINCE_2023.test(missing))).toEqual([]);
    expect(sent.invoice.payment_status).toBe('failed');
  });

  it('sends invoice.payment_failure in the shape of the 2023 docs example', () => {
    const report = compareShapes(
      fixture('lago-webhook-invoice.payment_failure.docs2023.json'),
      webhookOfType('invoice.payment_failure'),
    );
    expect(report).toEqual({ typeMismatches: [], missingPaths: [] });
  });

  it('adds organization_id to every webhook, which the 2023 examples predate', () => {
    for (const webhook of receiver.received) {
      expect(JSON.parse(webhook.rawBody).organization_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
