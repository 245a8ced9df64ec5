import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appointments } from './appointments.ts';
import { organizations, users } from './auth.ts';

export const invoiceClaimStates = ['creating', 'uncertain', 'created'] as const;

/**
 * The Lago invoice of an appointment, and the claim that keeps two pay requests from creating
 * two invoices. A pay request inserts the row (`creating`) under the appointment's row lock and
 * calls Lago outside any transaction; a second request finds the row and waits its turn or gets
 * the stored invoice. `uncertain` means an attempt may have reached Lago without us hearing the
 * answer: the next attempt looks the invoice up in Lago before creating one (`mustReconcile`).
 * The appointment row carries lago_invoice_id/number and the payment state the API shows; this
 * row also keeps what webhooks need: the invoice's `updated_at` last applied, so an older webhook
 * delivered late cannot undo a newer one.
 */
export const appointmentInvoices = pgTable(
  'appointment_invoices',
  {
    appointmentId: uuid('appointment_id')
      .primaryKey()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    state: text('state', { enum: invoiceClaimStates }).notNull(),
    /** When the attempt now in flight started; a `creating` claim older than the lease is abandoned. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    /** Set once an attempt's outcome was unknown; stays set, so later attempts look up first. */
    mustReconcile: boolean('must_reconcile').notNull().default(false),
    /** The Lago customer's external_id the invoice is billed to. */
    lagoCustomerExternalId: text('lago_customer_external_id').notNull(),
    lagoInvoiceId: text('lago_invoice_id'),
    invoiceNumber: text('invoice_number'),
    /** Lago's invoice status (finalized, voided, ...), not the payment status. */
    invoiceStatus: text('invoice_status'),
    amountCents: integer('amount_cents'),
    /**
     * The invoice's amount before taxes (Lago's `fees_amount_cents`): the appointment's price when
     * it was issued. A price changed since makes the invoice out of date (pay-appointment.ts).
     */
    feesAmountCents: integer('fees_amount_cents'),
    currency: text('currency'),
    paymentStatus: text('payment_status'),
    /** The invoice's `updated_at` of the last Lago answer or webhook applied. */
    lagoUpdatedAt: timestamp('lago_updated_at', { withTimezone: true }),
    /**
     * The snapshot last applied is Lago's answer to our own word of a desk payment: a webhook of
     * the same `updated_at` (Lago's has whole seconds) is not newer, whatever its status.
     */
    isDeskAnswer: boolean('is_desk_answer').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('appointment_invoices_lago_invoice_uq').on(t.lagoInvoiceId),
    index('appointment_invoices_tenant_idx').on(t.tenantId),
    // A provider's refusal webhook names the Lago customer: its invoices give the tenant.
    index('appointment_invoices_customer_idx').on(t.lagoCustomerExternalId),
    check('appointment_invoices_state_valid', sql`${t.state} in ('creating', 'uncertain', 'created')`),
  ],
);

/**
 * Invoices an appointment no longer has: voided because they billed an old price (or voided by
 * the practice in Lago) and replaced by a new one (replace-outdated-invoice.ts). Lago's webhooks
 * about them still come, late or retried, and must not be taken for the new invoice's.
 */
export const retiredInvoices = pgTable('retired_invoices', {
  lagoInvoiceId: text('lago_invoice_id').primaryKey(),
  appointmentId: uuid('appointment_id')
    .notNull()
    .references(() => appointments.id, { onDelete: 'cascade' }),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  invoiceNumber: text('invoice_number'),
  retiredAt: timestamp('retired_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Lago webhooks already handled, by their `X-Lago-Unique-Key` (identical on Lago's retries and
 * replays): a second delivery is acknowledged without effect. Written in the transaction of the
 * webhook's effect, so a delivery whose effect failed is processed again when Lago retries it.
 */
export const lagoWebhookReceipts = pgTable('lago_webhook_receipts', {
  uniqueKey: text('unique_key').primaryKey(),
  webhookType: text('webhook_type').notNull(),
  lagoInvoiceId: text('lago_invoice_id'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A client the practice's payment provider refused to register (Lago's
 * `customer.payment_provider_error` webhook: an e-mail Stripe rejects, a key it does not take):
 * Lago cannot give that client a payment link until it is fixed, and says only
 * `missing_payment_provider_customer`, as while its job is still running. One row per Lago
 * customer, replaced by a newer failure and removed when the client is registered
 * (`customer.payment_provider_created`) or sent to Lago again.
 */
export const lagoCustomerProviderErrors = pgTable('lago_customer_provider_errors', {
  /** The Lago customer's external_id (`rdv_<tenant>_…`, see lago-customer.ts). */
  customerExternalId: text('customer_external_id').primaryKey(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  /** The provider's words, kept for staff (never shown to the client, never logged). */
  message: text('message'),
  errorCode: text('error_code'),
  failedAt: timestamp('failed_at', { withTimezone: true }).notNull(),
});

/**
 * The company a member's invoices are made out to, one per member of a practice (a person may
 * book for a company in one practice and privately in another). No row: a private person. Sent
 * to Lago with the customer on each new invoice (lago-customer.ts).
 */
export const billingCompanies = pgTable(
  'billing_companies',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    legalName: text('legal_name').notNull(),
    /** VAT or other tax identification number, as the company writes it. */
    taxId: text('tax_id'),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    zipcode: text('zipcode'),
    city: text('city').notNull(),
    /** ISO 3166-1 alpha-2. */
    country: text('country').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index('billing_companies_user_idx').on(t.userId)],
);
