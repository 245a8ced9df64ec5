import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { detailsFromZod, type ErrorDetails, notFound, validationFailed } from './errors.ts';
import { serializeCustomer } from './serializers.ts';
import type { CustomerRecord, LagoState } from './state.ts';
import type { WebhookDispatcher } from './webhooks.ts';

/**
 * `POST /api/v1/customers` creates OR updates by `external_id` (PROVIDERS.md C;
 * lago-api Customers::UpsertFromApiService). Only the attributes sent are changed on update.
 * Unknown attributes are dropped, like Rails strong parameters do.
 */

const text = z.string().nullish();

const SCALAR_FIELDS = {
  account_type: z.enum(['customer', 'partner']).optional(),
  name: text,
  firstname: text,
  lastname: text,
  customer_type: z.enum(['company', 'individual']).nullish(),
  country: text,
  address_line1: text,
  address_line2: text,
  state: text,
  zipcode: text,
  email: text,
  city: text,
  url: text,
  phone: text,
  logo_url: text,
  legal_name: text,
  legal_number: text,
  tax_identification_number: text,
  currency: text,
  timezone: text,
  net_payment_term: z.number().int().nonnegative().nullish(),
  external_salesforce_id: text,
  finalize_zero_amount_invoice: z.enum(['inherit', 'skip', 'finalize']).optional(),
  skip_invoice_custom_sections: z.boolean().optional(),
};

export const customerInputSchema = z.object({
  external_id: z.string().trim().min(1),
  ...SCALAR_FIELDS,
  billing_configuration: z
    .object({
      invoice_grace_period: z.number().int().nonnegative().nullish(),
      payment_provider: z
        .enum(['stripe', 'adyen', 'gocardless', 'cashfree', 'flutterwave', 'moneyhash'])
        .nullish(),
      payment_provider_code: text,
      provider_customer_id: text,
      sync: z.boolean().optional(),
      sync_with_provider: z.boolean().nullish(),
      document_locale: text,
      provider_payment_methods: z.array(z.string()).nullish(),
    })
    .optional(),
  shipping_address: z
    .object({
      address_line1: text,
      address_line2: text,
      city: text,
      zipcode: text,
      state: text,
      country: text,
    })
    .optional(),
  metadata: z
    .array(z.object({ key: z.string(), value: z.string(), display_in_invoice: z.boolean() }))
    .optional(),
  tax_codes: z.array(z.string()).optional(),
});
export type CustomerInput = z.infer<typeof customerInputSchema>;

const DEFAULT_FIELDS: CustomerRecord['fields'] = {
  account_type: 'customer',
  ...Object.fromEntries(Object.keys(SCALAR_FIELDS).map((key) => [key, null])),
  finalize_zero_amount_invoice: 'inherit',
  skip_invoice_custom_sections: false,
};

const DEFAULT_BILLING_CONFIGURATION = {
  invoice_grace_period: null,
  payment_provider: null,
  payment_provider_code: null,
  provider_customer_id: null,
  sync_with_provider: null,
  document_locale: null,
};

const EMPTY_SHIPPING_ADDRESS = {
  address_line1: null,
  address_line2: null,
  city: null,
  zipcode: null,
  state: null,
  country: null,
};

/** ISO 4217 codes Node knows; Lago validates the currency against its own list of the same codes. */
export const isKnownCurrency = (code: string) => Intl.supportedValuesOf('currency').includes(code);

const EMAIL_LIST = /^[^\s@,]+@[^\s@,]+(,\s*[^\s@,]+@[^\s@,]+)*$/;

function validate(
  input: CustomerInput,
  existing: CustomerRecord | undefined,
  state: LagoState,
): ErrorDetails {
  const details: ErrorDetails = {};
  if (input.currency && !isKnownCurrency(input.currency)) details.currency = ['value_is_invalid'];
  // A customer that has been invoiced is no longer "editable": its currency is fixed.
  const currencyChanges =
    input.currency && existing?.fields.currency && input.currency !== existing.fields.currency;
  if (currencyChanges && existing && state.invoicesOf(existing).length > 0) {
    details.currency = ['currencies_does_not_match'];
  }
  if (input.email && !EMAIL_LIST.test(input.email)) details.email = ['invalid_email_format'];
  if (input.timezone && !isKnownTimezone(input.timezone)) details.timezone = ['invalid_timezone'];
  return details;
}

function isKnownTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export interface UpsertResult {
  customer: CustomerRecord;
  isNew: boolean;
}

export function upsertCustomer(state: LagoState, body: unknown): UpsertResult {
  const parsed = customerInputSchema.safeParse(body);
  if (!parsed.success) throw validationFailed(detailsFromZod(parsed.error));
  const input = parsed.data;
  // Taxes are not emulated: any tax code is unknown, as it would be in an organization without taxes.
  if (input.tax_codes && input.tax_codes.length > 0) throw notFound('tax');

  const existing = state.customers.get(input.external_id);
  const details = validate(input, existing, state);
  if (Object.keys(details).length > 0) throw validationFailed(details);

  const now = state.now();
  const customer: CustomerRecord = existing ?? {
    lagoId: randomUUID(),
    externalId: input.external_id,
    sequentialId: state.nextCustomerSequentialId(),
    createdAt: now,
    updatedAt: now,
    fields: { ...DEFAULT_FIELDS },
    billingConfiguration: { ...DEFAULT_BILLING_CONFIGURATION },
    providerCustomerInCreation: null,
    shippingAddress: { ...EMPTY_SHIPPING_ADDRESS },
    metadata: [],
  };
  const { external_id, billing_configuration, shipping_address, metadata, tax_codes, ...scalars } = input;
  for (const [key, value] of Object.entries(scalars)) {
    if (value !== undefined) customer.fields[key] = value;
  }
  if (billing_configuration) {
    const { sync, ...rest } = billing_configuration;
    Object.assign(customer.billingConfiguration, rest);
    linkProviderCustomer(state, customer);
  }
  if (shipping_address) Object.assign(customer.shippingAddress, shipping_address);
  if (metadata) customer.metadata = metadata.map((entry) => ({ lago_id: randomUUID(), ...entry }));
  customer.updatedAt = now;
  state.customers.set(customer.externalId, customer);
  return { customer, isNew: !existing };
}

/**
 * `sync_with_provider: true` asks Lago to create the customer at its payment provider (Stripe,
 * Adyen…) and keep the provider's id (PaymentProviderCustomers::StripeCreateJob and its kin, run
 * in the background). The creation falls due `providerCustomerDelayMs` later on the emulator
 * clock (at once by default) and is settled by `settleProviderCustomers`. Until then payment URLs
 * are refused with `missing_payment_provider_customer`, as Lago refuses them while its job has
 * not run. A customer whose creation failed is queued again by the next upsert, as in Lago
 * (PaymentProviderCustomers::CreateService#should_create_provider_customer?).
 */
function linkProviderCustomer(state: LagoState, customer: CustomerRecord): void {
  const billing = customer.billingConfiguration;
  if (!billing.sync_with_provider || !billing.payment_provider || billing.provider_customer_id) return;
  // Lago queues a job on every such upsert, even with one already queued: counted, so tests see
  // the jobs that could race each other at the provider. The first one here does the work.
  state.providerCustomerJobs[customer.externalId] =
    (state.providerCustomerJobs[customer.externalId] ?? 0) + 1;
  if (customer.providerCustomerInCreation) return;
  const id = `cus_${randomUUID().replaceAll('-', '').slice(0, 14)}`;
  customer.providerCustomerInCreation = { id, dueAt: state.clock.now() + state.providerCustomerDelayMs };
}

/**
 * Ends the provider-customer creations that are due by now: run before every request, and after
 * an upsert so that a creation without delay shows in its answer. The provider either takes the
 * customer (its id is kept; `customer.payment_provider_created`) or, when a provider error is set
 * (`POST /__emulator/payment-provider`), refuses it: Lago then sends
 * `customer.payment_provider_error` with the provider's error as it came (deliver_error_webhook of
 * PaymentProviderCustomers::StripeService and its kin) and keeps no id.
 */
export function settleProviderCustomers(state: LagoState, webhooks: WebhookDispatcher): void {
  const now = state.clock.now();
  for (const customer of state.customers.values()) {
    const creation = customer.providerCustomerInCreation;
    if (!creation || creation.dueAt > now) continue;
    customer.providerCustomerInCreation = null;
    const billing = customer.billingConfiguration;
    const error = state.providerCustomerError;
    if (error) {
      // V1::PaymentProviders::CustomerErrorSerializer
      webhooks.emit('customer.payment_provider_error', 'payment_provider_customer_error', {
        lago_customer_id: customer.lagoId,
        external_customer_id: customer.externalId,
        payment_provider: billing.payment_provider,
        payment_provider_code: billing.payment_provider_code ?? null,
        provider_error: error,
      });
      continue;
    }
    billing.provider_customer_id = creation.id;
    webhooks.emit('customer.payment_provider_created', 'customer', serializeCustomer(state, customer));
  }
}
