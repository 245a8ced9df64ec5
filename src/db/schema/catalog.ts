import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from './auth.ts';

/** What a practice sells: a kind of appointment with its duration and price. */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    durationMinutes: integer('duration_minutes').notNull(),
    type: text('type', { enum: ['free', 'paid'] })
      .notNull()
      .default('free'),
    price: integer('price').notNull().default(0),
    currency: text('currency').notNull().default('EUR'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('products_tenant_idx').on(t.tenantId),
    check('products_price_nonnegative', sql`${t.price} >= 0`),
    check('products_duration_positive', sql`${t.durationMinutes} > 0`),
    check('products_type_valid', sql`${t.type} in ('free', 'paid')`),
  ],
);

/** A weekly opening of one practitioner, in local wall-clock time of `timezone`. */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'cascade' }),
    dayOfWeek: integer('day_of_week').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    duration: integer('duration').notNull().default(60),
    bufferBefore: integer('buffer_before').notNull().default(0),
    bufferAfter: integer('buffer_after').notNull().default(0),
    maxAppointments: integer('max_appointments').notNull().default(1),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('appointment_slots_tenant_user_idx').on(t.tenantId, t.userId),
    check('appointment_slots_day_valid', sql`${t.dayOfWeek} between 0 and 6`),
    check('appointment_slots_hours_ordered', sql`${t.startTime} < ${t.endTime}`),
    check('appointment_slots_duration_positive', sql`${t.duration} > 0`),
    check('appointment_slots_max_positive', sql`${t.maxAppointments} > 0`),
  ],
);

/** A date that differs from the weekly pattern: blocked (holiday) or with extra hours. */
export const appointmentExceptions = pgTable(
  'appointment_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    isAvailable: boolean('is_available').notNull().default(false),
    startTime: text('start_time'),
    endTime: text('end_time'),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('appointment_exceptions_tenant_user_date_idx').on(t.tenantId, t.userId, t.date)],
);
