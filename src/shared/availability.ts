import { z } from 'zod';
import { parseHm } from '../domain/time-zone.ts';
import { isoDateSchema, timezoneSchema } from './appointments.ts';
import { optionalTextSchema } from './optional-text.ts';
import { queryInteger } from './query-integer.ts';

/** `HH:mm`, 00:00–23:59, or 24:00 for "until midnight". */
export const wallClockSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'Expected a time as HH:mm' });

const slotFields = {
  /** The practitioner (owner or admin) whose opening this is; defaults to you. */
  userId: z.string().min(1).max(100).optional(),
  /** Only for this product; none = any product. */
  productId: z.uuid().nullable().optional(),
  dayOfWeek: z.number().int().min(0).max(6, { message: '0 (Sunday) to 6 (Saturday)' }),
  startTime: wallClockSchema,
  endTime: wallClockSchema,
  timezone: timezoneSchema.optional(),
  duration: z.number().int().min(5).max(1440),
  bufferBefore: z.number().int().min(0).max(240).optional(),
  bufferAfter: z.number().int().min(0).max(240).optional(),
  /** Appointments one day's occurrence of this opening takes at most; omitted = as many as fit. */
  maxAppointments: z.number().int().min(1).max(1000).optional(),
  isActive: z.boolean().optional(),
};

/**
 * What is wrong with an opening's hours and the length of its appointments, naming the field;
 * null when they hold together. An appointment longer than the opening could never be booked.
 */
export function openingProblem(v: {
  startTime?: string;
  endTime?: string;
  duration?: number;
}): { field: 'endTime' | 'duration'; message: string } | null {
  if (!v.startTime || !v.endTime) return null;
  if (v.endTime <= v.startTime) return { field: 'endTime', message: 'Must be after startTime' };
  const open = parseHm(v.endTime) - parseHm(v.startTime);
  if (v.duration !== undefined && v.duration > open) {
    return { field: 'duration', message: `Must fit between startTime and endTime (${open} minutes)` };
  }
  return null;
}

function hoursOrdered(v: { startTime?: string; endTime?: string; duration?: number }, ctx: z.RefinementCtx) {
  const problem = openingProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

export const createSlotSchema = z.strictObject(slotFields).superRefine(hoursOrdered);
export type CreateSlotInput = z.infer<typeof createSlotSchema>;
export const updateSlotSchema = z.strictObject(slotFields).partial().superRefine(hoursOrdered);
export type UpdateSlotInput = z.infer<typeof updateSlotSchema>;

export const slotSchema = z.object({
  id: z.string(),
  userId: z.string(),
  productId: z.string().nullable(),
  dayOfWeek: z.number().int(),
  startTime: z.string(),
  endTime: z.string(),
  timezone: z.string(),
  duration: z.number().int(),
  bufferBefore: z.number().int(),
  bufferAfter: z.number().int(),
  maxAppointments: z.number().int(),
  isActive: z.boolean(),
});
export type Slot = z.infer<typeof slotSchema>;

export const createExceptionSchema = z
  .strictObject({
    userId: z.string().min(1).max(100).optional(),
    date: isoDateSchema,
    /** false = blocked (the whole day, or startTime–endTime); true = extra hours startTime–endTime. */
    isAvailable: z.boolean(),
    startTime: wallClockSchema.nullable().optional(),
    endTime: wallClockSchema.nullable().optional(),
    timezone: timezoneSchema.optional(),
    reason: optionalTextSchema(500),
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.startTime) !== Boolean(v.endTime)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.startTime ? 'endTime' : 'startTime'],
        message: 'Give both times or neither',
      });
    }
    if (v.isAvailable && !v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'Extra availability needs its hours' });
    }
    hoursOrdered({ startTime: v.startTime ?? undefined, endTime: v.endTime ?? undefined }, ctx);
  });
export type CreateExceptionInput = z.infer<typeof createExceptionSchema>;

export const exceptionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  date: z.string(),
  isAvailable: z.boolean(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  timezone: z.string(),
  reason: z.string().nullable(),
});
export type AvailabilityExceptionDto = z.infer<typeof exceptionSchema>;

export const listAvailabilitySettingsQuerySchema = z.strictObject({
  userId: z.string().min(1).max(100).optional(),
});

/** An availability search spans endDate ≥ startDate, at most 62 days (shared with the assistant API). */
export function withinDayRange(v: { startDate: string; endDate: string }, ctx: z.RefinementCtx) {
  const days = (Date.parse(v.endDate) - Date.parse(v.startDate)) / 86_400_000;
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Must not be before startDate' });
  if (days > 62)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'At most 62 days after startDate' });
}

export const availabilityQuerySchema = z
  .strictObject({
    /** First day, `YYYY-MM-DD`, in `timezone`. */
    startDate: isoDateSchema,
    /** Last day (inclusive), `YYYY-MM-DD`, in `timezone`; at most 62 days after startDate. */
    endDate: isoDateSchema,
    /** The zone the caller thinks in: days are cut and local times shown in it. Default: the practice's. */
    timezone: timezoneSchema.optional(),
    /** Slots of this product, with its duration. */
    productId: z.uuid().optional(),
    /** The practitioner to book; default: the practice owner (an assistant's own practitioner). */
    practitionerId: z.string().min(1).max(100).optional(),
    /** Minimum notice before a bookable start, in minutes (default 120). */
    minNoticeMinutes: queryInteger('minNoticeMinutes', 0, 60 * 24 * 30).optional(),
  })
  .superRefine(withinDayRange);
export type AvailabilityQuery = z.infer<typeof availabilityQuerySchema>;

export const availableSlotSchema = z.object({
  /** UTC instants: pass these to the booking endpoint as they are. */
  startTime: z.string(),
  endTime: z.string(),
  /** The same instants in the requested zone, with its offset. */
  localStartTime: z.string(),
  localEndTime: z.string(),
  /** The day in the requested zone, `YYYY-MM-DD`. */
  date: z.string(),
});

export const availabilitySchema = z.object({
  timezone: z.string(),
  practitionerId: z.string(),
  productId: z.string().nullable(),
  slots: z.array(availableSlotSchema),
});
export type Availability = z.infer<typeof availabilitySchema>;
