import type {
  AddOnRecord,
  CustomerRecord,
  FeeRecord,
  InvoiceRecord,
  LagoState,
  WebhookEndpointRecord,
} from './state.ts';

/**
 * JSON shapes of lago-api's V1 serializers (`app/serializers/v1/*.rb`), checked against the
 * fixtures lago-api-customer-response / lago-api-create-one-off-invoice-response. Taxes, coupons,
 * credits and subscriptions are not emulated, so their amounts are 0 and their lists empty.
 */

/** Ruby BigDecimal renders as a decimal string in JSON: 1 → "1.0", 2.5 → "2.5". */
export function decimalString(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

const pad3 = (n: number) => String(n).padStart(3, '0');

export function serializeCustomer(state: LagoState, customer: CustomerRecord): Record<string, unknown> {
  const { fields } = customer;
  return {
    lago_id: customer.lagoId,
    billing_entity_code: state.organization.billingEntityCode,
    external_id: customer.externalId,
    sequential_id: customer.sequentialId,
    slug: `${state.documentNumberPrefix()}-${pad3(customer.sequentialId)}`,
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
    ...fields,
    // The organization's timezone (UTC here) applies when the customer has none.
    applicable_timezone: fields.timezone ?? 'UTC',
    billing_configuration: customer.billingConfiguration,
    shipping_address: customer.shippingAddress,
    metadata: customer.metadata,
  };
}

/** `render_customer` adds these includes (customers_controller.rb); none is emulated, so empty. */
export function serializeCustomerWithIncludes(
  state: LagoState,
  customer: CustomerRecord,
): Record<string, unknown> {
  return {
    ...serializeCustomer(state, customer),
    taxes: [],
    integration_customers: [],
    applicable_invoice_custom_sections: [],
  };
}

export function serializeAddOn(addOn: AddOnRecord): Record<string, unknown> {
  return {
    lago_id: addOn.lagoId,
    name: addOn.name,
    invoice_display_name: addOn.invoiceDisplayName,
    code: addOn.code,
    amount_cents: addOn.amountCents,
    amount_currency: addOn.amountCurrency,
    description: addOn.description,
    created_at: addOn.createdAt,
    taxes: [],
  };
}

function serializeFee(invoice: InvoiceRecord, customer: CustomerRecord, fee: FeeRecord) {
  return {
    lago_id: fee.lagoId,
    lago_charge_id: null,
    lago_charge_filter_id: null,
    lago_invoice_id: invoice.lagoId,
    lago_true_up_fee_id: null,
    lago_true_up_parent_fee_id: null,
    lago_subscription_id: null,
    lago_customer_id: customer.lagoId,
    external_customer_id: customer.externalId,
    external_subscription_id: null,
    invoice_display_name: fee.invoiceDisplayName,
    description: fee.description,
    amount_cents: fee.amountCents,
    precise_amount: decimalString(fee.unitAmountCents * fee.units),
    amount_currency: invoice.currency,
    taxes_amount_cents: 0,
    taxes_precise_amount: '0.0',
    taxes_rate: 0,
    total_amount_cents: fee.amountCents,
    total_amount_currency: invoice.currency,
    units: decimalString(fee.units),
    unit_amount_cents: fee.unitAmountCents,
    precise_unit_amount: decimalString(fee.unitAmountCents / 100),
    events_count: null,
    pay_in_advance: false,
    invoiceable: true,
    from_date: null,
    to_date: null,
    payment_status: fee.paymentStatus,
    created_at: fee.createdAt,
    succeeded_at: fee.succeededAt,
    failed_at: fee.failedAt,
    refunded_at: null,
    amount_details: {},
    self_billed: false,
    // One-off fees bill an add-on: item.type is "add_on" (docs2023 invoice.one_off_created example).
    item: {
      type: 'add_on',
      code: fee.addOn.code,
      name: fee.addOn.name,
      invoice_display_name: fee.addOn.invoiceDisplayName ?? fee.addOn.name,
      lago_item_id: fee.addOn.lagoId,
      item_type: 'AddOn',
    },
  };
}

/** The `includes:` of V1::InvoiceSerializer: each adds one key to the invoice. */
export type InvoiceInclude =
  | 'customer'
  | 'subscriptions'
  | 'billing_periods'
  | 'fees'
  | 'credits'
  | 'metadata'
  | 'applied_taxes'
  | 'error_details'
  | 'applied_invoice_custom_sections';

/** What `render_invoice` includes in API responses (invoices_controller.rb). */
export const API_INVOICE_INCLUDES: InvoiceInclude[] = [
  'customer',
  'billing_periods',
  'subscriptions',
  'fees',
  'credits',
  'metadata',
  'applied_taxes',
  'error_details',
  'applied_invoice_custom_sections',
];

export function serializeInvoice(
  state: LagoState,
  invoice: InvoiceRecord,
  includes: InvoiceInclude[] = API_INVOICE_INCLUDES,
): Record<string, unknown> {
  const customer = state.customerByLagoId(invoice.customerLagoId);
  if (!customer) throw new Error(`invoice ${invoice.lagoId} has no customer`);
  const total = invoice.feesAmountCents;
  const base = {
    lago_id: invoice.lagoId,
    billing_entity_code: state.organization.billingEntityCode,
    sequential_id: invoice.sequentialId,
    number: invoice.number,
    issuing_date: invoice.issuingDate,
    payment_due_date: invoice.issuingDate,
    net_payment_term: 0,
    invoice_type: 'one_off',
    status: invoice.status,
    payment_status: invoice.paymentStatus,
    payment_dispute_lost_at: null,
    payment_overdue: false,
    currency: invoice.currency,
    fees_amount_cents: invoice.feesAmountCents,
    taxes_amount_cents: 0,
    progressive_billing_credit_amount_cents: 0,
    coupons_amount_cents: 0,
    credit_notes_amount_cents: 0,
    sub_total_excluding_taxes_amount_cents: total,
    sub_total_including_taxes_amount_cents: total,
    total_amount_cents: total,
    total_due_amount_cents: total - invoice.totalPaidAmountCents,
    total_paid_amount_cents: invoice.totalPaidAmountCents,
    total_offsetted_credit_note_amount_cents: 0,
    prepaid_credit_amount_cents: 0,
    prepaid_granted_credit_amount_cents: 0,
    prepaid_purchased_credit_amount_cents: 0,
    file_url: null,
    xml_url: null,
    version_number: 4,
    self_billed: false,
    created_at: invoice.createdAt,
    updated_at: invoice.updatedAt,
    voided_at: invoice.voidedAt,
  };
  const included: Record<InvoiceInclude, () => unknown> = {
    customer: () => serializeCustomer(state, customer),
    subscriptions: () => [],
    billing_periods: () => [],
    fees: () => invoice.fees.map((fee) => serializeFee(invoice, customer, fee)),
    credits: () => [],
    metadata: () => [],
    applied_taxes: () => [],
    error_details: () => [],
    applied_invoice_custom_sections: () => [],
  };
  return { ...base, ...Object.fromEntries(includes.map((key) => [key, included[key]()])) };
}

export function serializeWebhookEndpoint(
  state: LagoState,
  endpoint: WebhookEndpointRecord,
): Record<string, unknown> {
  return {
    lago_id: endpoint.lagoId,
    lago_organization_id: state.organization.id,
    webhook_url: endpoint.url,
    signature_algo: endpoint.signatureAlgo,
    name: endpoint.name,
    event_types: endpoint.eventTypes,
    created_at: endpoint.createdAt,
  };
}
