import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { assistants } from './assistants.ts';
import { organizations, users } from './auth.ts';
import { products } from './catalog.ts';

export const appointmentStatuses = ['pending', 'confirmed', 'cancelled', 'completed', 'no_show'] as const;
export const appointmentTypes = ['free', 'paid'] as const;
export const appointmentSources = ['assistant', 'client', 'admin', 'calendar', 'api'] as const;

/**
 * The union of both specs' columns. Times are instants (timestamptz, UTC on the wire); the IANA
 * zone the appointment was booked in is kept beside them so it can be shown as booked.
 * No two pending/confirmed appointments of one assignee may overlap: an exclusion constraint
 * added by a hand-written migration (drizzle-kit cannot express EXCLUDE) enforces it.
 */
export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The client the appointment is for; null for people booked by phone who have no account. */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
    /** The practitioner whose time is booked (the spec's assignedAdminId). */
    assignedAdminId: text('assigned_admin_id').references(() => users.id, { onDelete: 'set null' }),
    assistantId: uuid('assistant_id').references(() => assistants.id, { onDelete: 'set null' }),
    source: text('source', { enum: appointmentSources }).notNull().default('client'),
    title: text('title').notNull(),
    description: text('description'),
    location: text('location'),
    meetingUrl: text('meeting_url'),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }).notNull(),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    status: text('status', { enum: appointmentStatuses }).notNull().default('pending'),
    type: text('type', { enum: appointmentTypes }).notNull().default('free'),
    price: integer('price').notNull().default(0),
    currency: text('currency').notNull().default('EUR'),
    isPaid: boolean('is_paid').notNull().default(false),
    paymentStatus: text('payment_status'),
    lagoInvoiceId: text('lago_invoice_id'),
    lagoInvoiceNumber: text('lago_invoice_number'),
    /**
     * When Lago accepted our word that the invoice was paid at the desk (settle-desk-payment.ts);
     * cleared when it accepted our `pending` after staff took the mark back. While set, Lago's
     * `succeeded` is our own, not a payment made online.
     */
    invoiceSettledAtDeskAt: timestamp('invoice_settled_at_desk_at', { withTimezone: true }),
    attendeeEmail: text('attendee_email'),
    attendeeName: text('attendee_name'),
    attendeePhone: text('attendee_phone'),
    service: text('service'),
    patientType: text('patient_type'),
    /** Internal notes, shown to admins only. */
    notes: text('notes'),
    /** The assistant's Idempotency-Key: a retried booking finds this row instead of making another. */
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the booking request that used the key: a reuse with another body is refused. */
    idempotencyFingerprint: text('idempotency_fingerprint'),
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on every change; lets sync and concurrent editors detect lost updates. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('appointments_tenant_start_idx').on(t.tenantId, t.startTime, t.id),
    index('appointments_tenant_user_start_idx').on(t.tenantId, t.userId, t.startTime),
    index('appointments_assignee_start_idx').on(t.assignedAdminId, t.startTime),
    uniqueIndex('appointments_idempotency_uq').on(t.tenantId, t.assistantId, t.idempotencyKey),
    // The desk payments Lago must still be told of (or told were undone): what the sweep reads.
    index('appointments_desk_settlement_due_idx').on(t.tenantId).where(deskSettlementDue(t)),
    check('appointments_end_after_start', sql`${t.endTime} > ${t.startTime}`),
    check('appointments_price_nonnegative', sql`${t.price} >= 0`),
    check(
      'appointments_status_valid',
      sql`${t.status} in ('pending', 'confirmed', 'cancelled', 'completed', 'no_show')`,
    ),
    check('appointments_type_valid', sql`${t.type} in ('free', 'paid')`),
    check(
      'appointments_source_valid',
      sql`${t.source} in ('assistant', 'client', 'admin', 'calendar', 'api')`,
    ),
  ],
);

/**
 * An appointment whose invoice Lago must be told about: marked paid at the desk while Lago has it
 * unpaid, or unmarked after we told Lago it was paid. The sweep's query and its index share it.
 */
export function deskSettlementDue(t: {
  isPaid: AnyPgColumn;
  paymentStatus: AnyPgColumn;
  lagoInvoiceId: AnyPgColumn;
  invoiceSettledAtDeskAt: AnyPgColumn;
}) {
  return sql`${t.lagoInvoiceId} is not null and ((${t.isPaid} and ${t.invoiceSettledAtDeskAt} is null and ${t.paymentStatus} is distinct from 'succeeded') or (not ${t.isPaid} and ${t.invoiceSettledAtDeskAt} is not null))`;
}

/**
 * The audit trail: who changed what, when, with the values before and after. No foreign key
 * to appointments on purpose: the history of a deleted appointment must survive it.
 */
export const appointmentEvents = pgTable(
  'appointment_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    appointmentId: uuid('appointment_id').notNull(),
    actorType: text('actor_type', { enum: ['user', 'assistant', 'calendar', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('appointment_events_appointment_idx').on(t.tenantId, t.appointmentId, t.createdAt)],
);

/**
 * A user's secret iCalendar feed address. Only a hash of the token is kept; revoking sets
 * `revokedAt`, and a new token replaces the old one.
 */
export const calendarFeedTokens = pgTable(
  'calendar_feed_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feed_tokens_hash_uq').on(t.tokenHash),
    index('calendar_feed_tokens_user_idx').on(t.tenantId, t.userId),
  ],
);
