import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LagoContext } from './context.ts';
import { isKnownCurrency } from './customers.ts';
import { detailsFromZod, methodNotAllowed, notFound, validationFailed } from './errors.ts';
import { serializeCustomer, serializeInvoice } from './serializers.ts';
import type { CustomerRecord, FeeRecord, InvoiceRecord, LagoState, PaymentStatus } from './state.ts';

/**
 * One-off invoices and their payment status, following lago-api
 * `Invoices::CreateOneOffService`, `Fees::OneOffService` and `InvoicesController#create`.
 */

const oneOffInvoiceSchema = z.object({
  external_customer_id: z.string().nullish(),
  currency: z.string().nullish(),
  fees: z
    .array(
      z.object({
        add_on_code: z.string().nullish(),
        invoice_display_name: z.string().nullish(),
        unit_amount_cents: z.union([z.number(), z.string()]).nullish(),
        units: z.union([z.number(), z.string()]).nullish(),
        description: z.string().nullish(),
      }),
    )
    .nullish(),
});

/** Ruby's `String#to_f`: the leading number, or 0 ("2.5" → 2.5, "abc" → 0). */
const rubyToF = (value: string | number) =>
  typeof value === 'number' ? value : Number.parseFloat(value) || 0;

export function createOneOffInvoice(context: LagoContext, body: unknown): InvoiceRecord {
  const { state } = context;
  const parsed = oneOffInvoiceSchema.safeParse(body);
  if (!parsed.success) throw validationFailed(detailsFromZod(parsed.error));
  const input = parsed.data;

  // Checked in this order by CreateOneOffService: customer, then fees, then add-ons.
  const customer = input.external_customer_id ? state.customers.get(input.external_customer_id) : undefined;
  if (!customer) throw notFound('customer');
  const fees = input.fees ?? [];
  if (fees.length === 0) throw notFound('fees');
  const addOns = fees.map((fee) => (fee.add_on_code ? state.addOns.get(fee.add_on_code) : undefined));
  if (addOns.some((addOn) => !addOn)) throw notFound('add_on');

  const currency = settleCurrency(state, customer, input.currency ?? null);
  const now = state.now();
  const feeRecords: FeeRecord[] = fees.map((fee, index) => {
    const addOn = addOns[index]!;
    const unitAmountCents =
      fee.unit_amount_cents === null || fee.unit_amount_cents === undefined
        ? addOn.amountCents
        : Math.round(rubyToF(fee.unit_amount_cents));
    const units = fee.units === null || fee.units === undefined ? 1 : rubyToF(fee.units);
    return {
      lagoId: randomUUID(),
      addOn,
      invoiceDisplayName: fee.invoice_display_name || null,
      description: fee.description ?? addOn.description,
      unitAmountCents,
      units,
      amountCents: Math.round(unitAmountCents * units),
      paymentStatus: 'pending',
      createdAt: now,
      succeededAt: null,
      failedAt: null,
    };
  });
  const feesAmountCents = feeRecords.reduce((sum, fee) => sum + fee.amountCents, 0);
  const sequentialId = state.invoicesOf(customer).length + 1;
  const invoice: InvoiceRecord = {
    lagoId: randomUUID(),
    sequentialId,
    number: `${state.documentNumberPrefix()}-${pad3(customer.sequentialId)}-${pad3(sequentialId)}`,
    customerLagoId: customer.lagoId,
    issuingDate: context.clock.date().toISOString().slice(0, 10),
    currency,
    status: 'finalized',
    // A zero-amount invoice has nothing to collect: Lago marks it paid at once.
    paymentStatus: feesAmountCents > 0 ? 'pending' : 'succeeded',
    fees: feeRecords,
    feesAmountCents,
    totalPaidAmountCents: 0,
    createdAt: now,
    updatedAt: now,
    voidedAt: null,
  };
  state.invoices.set(invoice.lagoId, invoice);
  // CreateOneOffService sends `invoice.one_off_created` only (not `invoice.created`), with the
  // customer, fees and applied_taxes included (webhooks/invoices/one_off_created_service.rb).
  context.webhooks.emit(
    'invoice.one_off_created',
    'invoice',
    serializeInvoice(state, invoice, ['customer', 'fees', 'applied_taxes']),
  );
  return invoice;
}

const pad3 = (n: number) => String(n).padStart(3, '0');

/** Customers::UpdateCurrencyService: the first invoice fixes a customer's currency. */
function settleCurrency(state: LagoState, customer: CustomerRecord, requested: string | null): string {
  const currency = requested ?? (customer.fields.currency as string | null);
  if (!currency) throw validationFailed({ currency: ['value_is_mandatory'] });
  if (!isKnownCurrency(currency)) throw validationFailed({ currency: ['value_is_invalid'] });
  if (customer.fields.currency === currency) return currency;
  if (customer.fields.currency || state.invoicesOf(customer).length > 0) {
    throw validationFailed({ currency: ['currencies_does_not_match'] });
  }
  customer.fields.currency = currency;
  return currency;
}

/**
 * `POST /api/v1/invoices/:lago_id/payment_url` (Invoices::Payments::GeneratePaymentUrlService,
 * lago-openapi InvoicePaymentUrl): a checkout link for the invoice at the customer's payment
 * provider, refused in the service's order: no provider linked to the customer, GoCardless
 * (direct debit, no checkout), an invoice paid, voided or draft, no customer at the provider.
 * The link is the emulator's own checkout page (`checkout-routes.ts`), standing in for the
 * provider's (a Stripe Checkout session with real Lago).
 */
export function invoicePaymentDetails(context: LagoContext, lagoId: string) {
  const invoice = findInvoice(context.state, lagoId);
  const customer = context.state.customerByLagoId(invoice.customerLagoId)!;
  const billing = customer.billingConfiguration;
  const refuse = (code: string) => validationFailed({ base: [code] });
  if (!billing.payment_provider) throw refuse('no_linked_payment_provider');
  if (billing.payment_provider === 'gocardless') throw refuse('invalid_payment_provider');
  // Lago also refuses draft invoices; the emulator makes finalized ones only.
  if (invoice.status === 'voided' || invoice.paymentStatus === 'succeeded')
    throw refuse('invalid_invoice_status_or_payment_status');
  if (!billing.provider_customer_id) throw refuse('missing_payment_provider_customer');
  return {
    lago_customer_id: customer.lagoId,
    lago_invoice_id: invoice.lagoId,
    external_customer_id: customer.externalId,
    payment_provider: billing.payment_provider as string,
    payment_url: `${context.publicUrl()}/checkout/${invoice.lagoId}`,
  };
}

export function findInvoice(state: LagoState, lagoId: string): InvoiceRecord {
  const invoice = state.invoices.get(lagoId);
  if (!invoice) throw notFound('invoice');
  return invoice;
}

const listQuerySchema = z.object({
  external_customer_id: z.string().optional(),
  invoice_type: z.string().optional(),
  issuing_date_from: z.string().optional(),
  issuing_date_to: z.string().optional(),
  page: z.coerce.number().int().positive().default(1),
  per_page: z.coerce.number().int().positive().default(20),
});

/**
 * `GET /api/v1/invoices` (lago-openapi `findAllInvoices`, InvoicesPaginated): newest first
 * (issuing date, then creation), filtered by customer, type and issuing dates, paginated with
 * Lago's `meta` (current_page, next_page, prev_page, total_pages, total_count). Filters the
 * emulator does not implement (statuses, amounts, search_term, metadata) are ignored.
 */
export function listInvoices(state: LagoState, query: unknown) {
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) throw validationFailed(detailsFromZod(parsed.error));
  const filter = parsed.data;
  const matching = [...state.invoices.values()]
    .filter((invoice) => {
      const customer = state.customerByLagoId(invoice.customerLagoId);
      if (filter.external_customer_id && customer?.externalId !== filter.external_customer_id) return false;
      // Every emulated invoice is one-off.
      if (filter.invoice_type && filter.invoice_type !== 'one_off') return false;
      if (filter.issuing_date_from && invoice.issuingDate < filter.issuing_date_from) return false;
      if (filter.issuing_date_to && invoice.issuingDate > filter.issuing_date_to) return false;
      return true;
    })
    .reverse()
    .sort((a, b) => b.issuingDate.localeCompare(a.issuingDate));
  const { page, per_page: perPage } = filter;
  const totalPages = Math.ceil(matching.length / perPage);
  return {
    invoices: matching.slice((page - 1) * perPage, page * perPage),
    meta: {
      current_page: page,
      next_page: page < totalPages ? page + 1 : null,
      prev_page: page > 1 ? page - 1 : null,
      total_pages: totalPages,
      total_count: matching.length,
    },
  };
}

export const paymentStatusSchema = z.enum(['pending', 'succeeded', 'failed']);

export interface ProviderError {
  message: string;
  error_code: string;
}

/**
 * `POST /invoices/:lago_id/void` (`Invoices::VoidService`): a finalized invoice whose payment is
 * not `succeeded` (`Invoice#voidable?`: pending or failed) becomes `voided` and sends
 * `invoice.voided`; any other is refused with 405 `not_voidable` (the AASM transition's guard,
 * rendered by `method_not_allowed_error`).
 */
export function voidInvoice(context: LagoContext, lagoId: string): InvoiceRecord {
  const { state } = context;
  const invoice = findInvoice(state, lagoId);
  if (invoice.status !== 'finalized' || invoice.paymentStatus === 'succeeded') {
    throw methodNotAllowed('not_voidable');
  }
  const now = state.now();
  invoice.status = 'voided';
  invoice.voidedAt = now;
  invoice.updatedAt = now;
  // webhooks/invoices/voided_service.rb: customer, subscriptions, fees, credits, applied_taxes.
  context.webhooks.emit(
    'invoice.voided',
    'invoice',
    serializeInvoice(state, invoice, ['customer', 'subscriptions', 'fees', 'credits', 'applied_taxes']),
  );
  return invoice;
}

/** The provider's error for a refused card (Stripe's `card_declined`). */
export const CARD_DECLINED: ProviderError = {
  message: 'Your card was declined.',
  error_code: 'card_declined',
};

/**
 * Sets an invoice's payment status as a payment provider would report it: the amount paid
 * follows. A change sends `invoice.payment_status_updated` (customer and fees included:
 * payment_status_updated_service.rb); a failure also sends `invoice.payment_failure` with
 * object_type `payment_provider_invoice_payment_error` (invoice_payment_error_serializer.rb,
 * docs2023 fixture).
 */
export function setPaymentStatus(
  context: LagoContext,
  invoice: InvoiceRecord,
  status: PaymentStatus,
  providerError?: ProviderError,
): void {
  invoice.totalPaidAmountCents = status === 'succeeded' ? invoice.feesAmountCents : 0;
  applyPaymentStatus(context, invoice, status);
  if (status === 'failed' && providerError) emitPaymentFailure(context, invoice, providerError);
}

/**
 * `PUT /invoices/:lago_id` (`Invoices::UpdateService`, webhook_notification: true): the payment
 * status only. `total_paid_amount_cents` moves only when given, which the API does not permit.
 */
export function updatePaymentStatus(
  context: LagoContext,
  invoice: InvoiceRecord,
  status: PaymentStatus,
): void {
  applyPaymentStatus(context, invoice, status);
}

function applyPaymentStatus(context: LagoContext, invoice: InvoiceRecord, status: PaymentStatus): void {
  const { state } = context;
  const isChange = invoice.paymentStatus !== status;
  const now = state.now();
  invoice.paymentStatus = status;
  invoice.updatedAt = now;
  for (const fee of invoice.fees) {
    fee.paymentStatus = status;
    fee.succeededAt = status === 'succeeded' ? now : fee.succeededAt;
    fee.failedAt = status === 'failed' ? now : fee.failedAt;
  }
  if (isChange) {
    context.webhooks.emit(
      'invoice.payment_status_updated',
      'invoice',
      serializeInvoice(state, invoice, ['customer', 'fees']),
    );
  }
}

function emitPaymentFailure(
  context: LagoContext,
  invoice: InvoiceRecord,
  providerError: ProviderError,
): void {
  const customer = context.state.customerByLagoId(invoice.customerLagoId)!;
  const billing = serializeCustomer(context.state, customer).billing_configuration as Record<string, unknown>;
  context.webhooks.emit('invoice.payment_failure', 'payment_provider_invoice_payment_error', {
    lago_invoice_id: invoice.lagoId,
    lago_customer_id: customer.lagoId,
    external_customer_id: customer.externalId,
    provider_customer_id: billing.provider_customer_id ?? null,
    payment_provider: billing.payment_provider ?? null,
    payment_provider_code: billing.payment_provider_code ?? null,
    provider_error: providerError,
    error_details: null,
  });
}
