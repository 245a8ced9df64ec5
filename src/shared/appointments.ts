import { z } from 'zod';
import { optionalTextSchema } from './optional-text.ts';
import { queryInteger } from './query-integer.ts';

export const appointmentStatuses = ['pending', 'confirmed', 'cancelled', 'completed', 'no_show'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
export const appointmentTypes = ['free', 'paid'] as const;
export type AppointmentType = (typeof appointmentTypes)[number];
export const appointmentSources = ['assistant', 'client', 'admin', 'calendar', 'api'] as const;
export type AppointmentSource = (typeof appointmentSources)[number];

/** Zones found valid so far: building a formatter to try one costs a quarter of a millisecond. */
const knownZones = new Set<string>();

/** The runtime's own name for a zone it knows (its canonical ID), or null. */
function resolvedZone(tz: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * A zone name as the IANA database spells it, aliases included. The runtime also takes a name in
 * the wrong case (`europe/paris`), which calendars and other programs may not: that one is refused.
 */
function isKnownZone(tz: string): boolean {
  if (knownZones.has(tz)) return true;
  const resolved = tz.length > 0 ? resolvedZone(tz) : null;
  if (!resolved || (resolved !== tz && resolved.toLowerCase() === tz.toLowerCase())) return false;
  // Valid names are finite (some 600 zones and their aliases): the bound is only a safeguard.
  if (knownZones.size < 2000) knownZones.add(tz);
  return true;
}

/**
 * An IANA time zone that this runtime knows, aliases included: Intl.supportedValuesOf lists
 * only canonical names (Asia/Calcutta, not Asia/Kolkata), so the zone is tried instead.
 */
export const timezoneSchema = z
  .string()
  .max(64)
  .refine(isKnownZone, {
    error: (issue) => {
      const resolved = typeof issue.input === 'string' ? resolvedZone(issue.input) : null;
      return resolved ? `Unknown IANA time zone; did you mean ${resolved}?` : 'Unknown IANA time zone';
    },
  });

/**
 * The years a date or an instant may fall in. Past them, arithmetic and storage break: year 0
 * and `9999-12-31T23:59:59-14:00` (year 10000 in UTC) are ISO-8601 but not instants the database
 * reads, and one day after 9999-12-31 has no `YYYY-MM-DD`.
 */
export const supportedYears = { first: 1900, last: 9998 } as const;
const yearsMessage = `Must fall between the years ${supportedYears.first} and ${supportedYears.last}`;
const earliestInstant = Date.UTC(supportedYears.first, 0, 1);
const endOfLastYear = Date.UTC(supportedYears.last + 1, 0, 1);

/** Whether an instant (ms since the epoch) falls in the supported years, in UTC. */
export function isSupportedInstant(ms: number): boolean {
  return ms >= earliestInstant && ms < endOfLastYear;
}

/** For a refinement: what cannot be read is the format check's to report, not this one's. */
const inSupportedYears = (ms: number) => Number.isNaN(ms) || isSupportedInstant(ms);

/** An instant as ISO-8601 with `Z` or an offset; a date without time or a bare number is refused. */
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true, message: 'Expected an ISO-8601 date-time' })
  .refine((value) => inSupportedYears(Date.parse(value)), { message: yearsMessage });
/** A calendar date, `YYYY-MM-DD`. */
export const isoDateSchema = z.iso
  .date({ message: 'Expected a date as YYYY-MM-DD' })
  .refine((value) => inSupportedYears(Date.parse(`${value}T00:00:00Z`)), { message: yearsMessage });
/** A list bound: a whole day or an instant. */
export const dateOrInstantSchema = z.union([isoDateTimeSchema, isoDateSchema], {
  error: `Expected a date (YYYY-MM-DD) or an ISO-8601 date-time, in the years ${supportedYears.first} to ${supportedYears.last}`,
});
/** The ISO 4217 currencies in use (not test codes such as XXX, nor metals): what Lago invoices in. */
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { message: 'Expected an ISO 4217 currency code such as EUR' })
  .refine((code) => knownCurrencies.has(code), {
    message: 'Unknown currency: expected one such as EUR or USD',
  });
/** Money is whole cents. */
export const centsSchema = z
  .number()
  .int({ message: 'Expected whole cents' })
  .min(0, { message: 'Must not be negative' })
  .max(100_000_000);
const text = (max: number) => z.string().trim().max(max);
/** A link people open from the app and from calendar invitations: the web's schemes only. */
export const webUrlSchema = z
  .url({ protocol: /^https?$/, message: 'Expected an http or https URL' })
  .max(2000);

/**
 * The longest an appointment may last. Longer is not an appointment but a blocked calendar: a
 * client's request until year 9998 would hold the practitioner's time for good.
 */
export const maxAppointmentHours = 24;

/** What is wrong with an appointment's end, for its `endTime` field; null when it is right. */
export function appointmentEndProblem(startMs: number, endMs: number): string | null {
  if (endMs <= startMs) return 'Must be after startTime';
  if (endMs - startMs > maxAppointmentHours * 3_600_000) {
    return `Must be at most ${maxAppointmentHours} hours after startTime`;
  }
  return null;
}

/** Refuses an end that is not after the start, or too long after it, naming `endTime`. */
function endAfterStart(value: { startTime?: string; endTime?: string }, ctx: z.RefinementCtx) {
  if (!value.startTime || !value.endTime) return;
  const problem = appointmentEndProblem(Date.parse(value.startTime), Date.parse(value.endTime));
  if (problem) ctx.addIssue({ code: 'custom', path: ['endTime'], message: problem });
}

const appointmentFields = {
  title: text(200).min(1, { message: 'Title is required' }),
  description: optionalTextSchema(5000),
  location: optionalTextSchema(500),
  meetingUrl: webUrlSchema.nullable().optional().describe('The video call link, http or https'),
  startTime: isoDateTimeSchema.describe(
    'Start, ISO-8601 with `Z` or an offset; a client may only ask for a time to come',
  ),
  endTime: isoDateTimeSchema.describe(
    `End: after startTime, and at most ${maxAppointmentHours} hours after it`,
  ),
  timezone: timezoneSchema.optional(),
  type: z.enum(appointmentTypes).optional(),
  price: centsSchema.optional(),
  currency: currencySchema.optional(),
  attendeeEmail: z.email().max(254).nullable().optional(),
  attendeeName: optionalTextSchema(200),
  attendeePhone: optionalTextSchema(40),
  productId: z.uuid().nullable().optional(),
  /** The practitioner whose time is booked; defaults to the practice owner. */
  assignedAdminId: z.string().min(1).max(100).optional(),
  /** Admin only: internal notes, never shown to clients. */
  notes: optionalTextSchema(5000),
  /** Accepted for compatibility with the spec; calendar push happens for every appointment. */
  syncToCalendar: z.boolean().optional(),
};

/** POST /api/appointments. A client's request is always `pending` and `free`. */
export const createAppointmentSchema = z
  .strictObject({
    ...appointmentFields,
    /** Admin only: the client the appointment is for. */
    userId: z.string().min(1).max(100).nullable().optional(),
    /** Admin only: `pending` (default) or `confirmed`. */
    status: z.enum(['pending', 'confirmed']).optional(),
  })
  .superRefine(endAfterStart);
export type CreateAppointmentInput = z.infer<typeof createAppointmentSchema>;

/** PUT /api/appointments/:id: any subset of the fields, and the status. */
export const updateAppointmentSchema = z
  .strictObject({
    ...appointmentFields,
    status: z.enum(appointmentStatuses),
    isPaid: z.boolean(),
  })
  .partial()
  .superRefine(endAfterStart);
export type UpdateAppointmentInput = z.infer<typeof updateAppointmentSchema>;

export const listAppointmentsQuerySchema = z
  .strictObject({
    status: z.enum(appointmentStatuses).optional(),
    type: z.enum(appointmentTypes).optional(),
    /** Who booked: `assistant` for the voice assistant's bookings, and so on. */
    source: z.enum(appointmentSources).optional(),
    startDate: dateOrInstantSchema.optional(),
    endDate: dateOrInstantSchema.optional(),
    /** Text search over title, attendee name and email, and description. */
    search: z.string().trim().min(1).max(200).optional(),
    limit: queryInteger('limit', 1, 500).optional(),
    /** The `nextCursor` of the previous page. */
    cursor: z.string().min(1).max(200).optional(),
    /** `asc` (default): earliest start first; `desc`: latest first, e.g. past appointments. */
    order: z.enum(['asc', 'desc']).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.endDate && Date.parse(v.endDate) < Date.parse(v.startDate)) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Must not be before startDate' });
    }
  });
export type ListAppointmentsQuery = z.infer<typeof listAppointmentsQuerySchema>;

export const appointmentSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  productId: z.string().nullable(),
  assignedAdminId: z.string().nullable(),
  assistantId: z.string().nullable(),
  source: z.enum(appointmentSources),
  title: z.string(),
  description: z.string().nullable(),
  location: z.string().nullable(),
  meetingUrl: z.string().nullable(),
  startTime: z.string(),
  endTime: z.string(),
  timezone: z.string(),
  status: z.enum(appointmentStatuses),
  type: z.enum(appointmentTypes),
  price: z.number().int(),
  currency: z.string(),
  isPaid: z.boolean(),
  paymentStatus: z.string().nullable(),
  isPaidOnline: z
    .boolean()
    .describe(
      'Paid through its Lago invoice (refunded through the payment provider, not unmarked here); ' +
        'false for a payment recorded at the desk, even once Lago was told its invoice is paid.',
    ),
  lagoInvoiceId: z.string().nullable(),
  attendeeEmail: z.string().nullable(),
  attendeeName: z.string().nullable(),
  attendeePhone: z.string().nullable(),
  service: z.string().nullable(),
  patientType: z.string().nullable(),
  /** Present for owners and admins only. */
  notes: z.string().nullable().optional(),
  syncedAt: z.string().nullable(),
  /** Rule of the three ids: src/services/appointments/calendar-event-ids.ts. */
  googleEventId: z
    .string()
    .nullable()
    .describe(
      "The Google Calendar event of this appointment: the one in its practitioner's Google calendar, " +
        'else (no such calendar holds it) the earliest linked in any Google calendar; null if none.',
    ),
  microsoftEventId: z
    .string()
    .nullable()
    .describe(
      "The Outlook (Microsoft 365) event of this appointment: the one in its practitioner's Outlook " +
        'calendar, else the earliest linked in any Outlook calendar; null if none.',
    ),
  calendarEventId: z
    .string()
    .nullable()
    .describe(
      'The calendar event of this appointment (spec 000): googleEventId if set, else microsoftEventId. ' +
        "For an assistant booking imported from its practitioner's calendar, the event it was imported " +
        'from (unless imported from Outlook while the practitioner also has a Google calendar).',
    ),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const appointmentListSchema = z.object({
  success: z.literal(true),
  data: z.array(appointmentSchema),
  /** Pass as `cursor` to read the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const appointmentEventSchema = z.object({
  id: z.string(),
  appointmentId: z.string(),
  actorType: z.enum(['user', 'assistant', 'calendar', 'system']),
  actorId: z.string().nullable(),
  /** Who acted, by name: a member, an assistant, a calendar's account (for staff); null if unknown or gone. */
  actorName: z.string().nullable(),
  action: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type AppointmentEvent = z.infer<typeof appointmentEventSchema>;
