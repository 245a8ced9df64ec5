import { z } from 'zod';
import {
  appointmentSchema,
  appointmentSources,
  appointmentStatuses,
  appointmentTypes,
  centsSchema,
  currencySchema,
  dateOrInstantSchema,
  isoDateTimeSchema,
  timezoneSchema,
  webUrlSchema,
} from './appointments.ts';
import { optionalTextSchema } from './optional-text.ts';
import { queryInteger } from './query-integer.ts';

export const adminListAppointmentsQuerySchema = z.strictObject({
  status: z.enum(appointmentStatuses).optional(),
  type: z.enum(appointmentTypes).optional(),
  /** Who booked: `assistant` for the voice assistant's bookings, and so on. */
  source: z.enum(appointmentSources).optional(),
  startDate: dateOrInstantSchema.optional(),
  endDate: dateOrInstantSchema.optional(),
  search: z.string().trim().min(1).max(200).optional(),
  limit: queryInteger('limit', 1, 500).optional(),
  cursor: z.string().min(1).max(200).optional(),
});

const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
});

export const adminAppointmentSchema = appointmentSchema.extend({
  user: personSchema.nullable(),
  assignedAdmin: personSchema.nullable(),
  product: z
    .object({
      id: z.string(),
      name: z.string(),
      durationMinutes: z.number().int(),
      type: z.enum(appointmentTypes),
      price: z.number().int(),
      currency: z.string(),
    })
    .nullable(),
});
export type AdminAppointment = z.infer<typeof adminAppointmentSchema>;

export const adminAppointmentListSchema = z.object({
  success: z.literal(true),
  data: z.array(adminAppointmentSchema),
  nextCursor: z.string().nullable(),
});

/**
 * POST /api/admin/appointments `action: "create"`. Required fields are checked by the operation
 * so that a missing one answers the spec's "Missing required fields", not a generic error.
 */
export const adminCreateRequestSchema = z.strictObject({
  action: z.literal('create'),
  clientEmail: z.string().trim().toLowerCase().max(254).optional(),
  title: z.string().trim().max(200).optional(),
  description: optionalTextSchema(5000),
  startTime: isoDateTimeSchema.optional(),
  endTime: isoDateTimeSchema.optional(),
  timezone: timezoneSchema.optional(),
  type: z.enum(appointmentTypes).optional(),
  price: centsSchema.optional(),
  currency: currencySchema.optional(),
  location: optionalTextSchema(500),
  meetingUrl: webUrlSchema.nullable().optional(),
  notes: optionalTextSchema(5000),
  productId: z.uuid().nullable().optional(),
});
export type AdminCreateRequestInput = z.infer<typeof adminCreateRequestSchema>;

export const adminStatsRequestSchema = z.strictObject({ action: z.literal('stats') });

export const adminAppointmentsActionSchema = z.discriminatedUnion('action', [
  adminStatsRequestSchema,
  adminCreateRequestSchema,
]);

/** The spec's statistics for the current month; money in cents. */
export const appointmentStatsSchema = z.object({
  /** The month counted, `YYYY-MM`, in the practice's time zone. */
  month: z.string(),
  /** Appointments starting on each local day of the month (every day listed; they add up to `total`). */
  days: z.array(z.object({ date: z.string(), count: z.number().int() })),
  total: z.number().int(),
  pending: z.number().int(),
  confirmed: z.number().int(),
  completed: z.number().int(),
  cancelled: z.number().int(),
  noShow: z.number().int(),
  paidAppointments: z.number().int(),
  unpaidAppointments: z.number().int(),
  totalRevenue: z.number().int(),
  unpaidAmount: z.number().int(),
});
export type AppointmentStats = z.infer<typeof appointmentStatsSchema>;
