import { and, eq, gt, gte, inArray, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { fromJson } from '../../db/from-json.ts';
import { readTogether } from '../../db/read-together.ts';
import { appointmentExceptions, appointmentSlots, appointments, products } from '../../db/schema/index.ts';
import { activeStatuses } from '../../domain/appointment-status.ts';
import { computeAvailableSlots } from '../../domain/availability/compute-available-slots.ts';
import { notFound } from '../../domain/errors.ts';
import { addDays, localToInstant, toLocalIso } from '../../domain/time-zone.ts';
import type { Availability, AvailabilityQuery } from '../../shared/availability.ts';
import { tenantTimezone } from '../appointments/create-appointment.ts';
import { assertPractitioner, defaultPractitioner } from '../appointments/practitioners.ts';
import type { BusyTimeSource } from './busy-time-source.ts';

/** Until the practice can set it: bookings start at least two hours from now. */
export const defaultMinNoticeMinutes = 120;
/** Buffers reach at most this far outside the range (the schema caps them at 4 h). */
const MARGIN = 4 * 3_600_000;

/** Appointments that hold some of a practitioner's time in [from, to): pending or confirmed. */
export function holdingTime(tenantId: string, practitionerId: string, from: Date, to: Date): SQL {
  return and(
    eq(appointments.tenantId, tenantId),
    eq(appointments.assignedAdminId, practitionerId),
    inArray(appointments.status, [...activeStatuses]),
    lt(appointments.startTime, to),
    gt(appointments.endTime, from),
  )!;
}

/**
 * Spec `getPublicAvailableSlots`: the bookable times of one practitioner between two dates of
 * the caller's zone. Reads the openings, exceptions, appointments and busy time, then leaves
 * the arithmetic to the pure rule in src/domain/availability.
 */
export async function getPublicAvailableSlots(
  deps: { db: Executor; busyTime: BusyTimeSource },
  tenantId: string,
  query: AvailabilityQuery & {
    defaultPractitionerId?: string | null;
    /** Slots of this length, whatever the product's (an appointment being moved keeps its own). */
    durationMinutes?: number;
    /** An appointment being moved: the time it holds now is free for its new one. */
    excludeAppointmentId?: string;
  },
  now = Date.now(),
): Promise<Availability> {
  const { db } = deps;
  const timezone = query.timezone ?? (await tenantTimezone(db, tenantId));
  const practitionerId =
    query.practitionerId ?? query.defaultPractitionerId ?? (await defaultPractitioner(db, tenantId));
  if (query.practitionerId) await assertPractitioner(db, tenantId, query.practitionerId);
  let durationMinutes = query.durationMinutes;
  if (query.productId) {
    const [product] = await db
      .select({ duration: products.durationMinutes })
      .from(products)
      .where(
        and(eq(products.tenantId, tenantId), eq(products.id, query.productId), eq(products.isActive, true)),
      );
    if (!product) throw notFound('Product');
    durationMinutes ??= product.duration;
  }
  const rangeStart = localToInstant(query.startDate, 0, timezone) ?? Date.parse(query.startDate);
  const nextDay = addDays(query.endDate, 1);
  const rangeEnd = localToInstant(nextDay, 0, timezone) ?? Date.parse(nextDay);
  const from = new Date(rangeStart - MARGIN);
  const to = new Date(rangeEnd + MARGIN);

  const [slots, exceptions, booked, busy] = await readTogether(db, [
    () =>
      db
        .select()
        .from(appointmentSlots)
        .where(
          and(
            eq(appointmentSlots.tenantId, tenantId),
            eq(appointmentSlots.userId, practitionerId),
            eq(appointmentSlots.isActive, true),
            query.productId
              ? or(isNull(appointmentSlots.productId), eq(appointmentSlots.productId, query.productId))
              : undefined,
          ),
        ),
    () =>
      db
        .select()
        .from(appointmentExceptions)
        .where(
          and(
            eq(appointmentExceptions.tenantId, tenantId),
            eq(appointmentExceptions.userId, practitionerId),
            gte(appointmentExceptions.date, addDays(query.startDate, -1)),
            lte(appointmentExceptions.date, nextDay),
          ),
        ),
    // One JSON value of [start, end] pairs rather than a row per appointment: returning rows
    // costs PGlite far more than finding them, and the driver parses JSON natively where an
    // array of numbers goes through a slow text parser (bench/api.ts, a month of 1,000).
    () =>
      db
        .select({
          spans: sql<[number, number][] | string>`coalesce(json_agg(json_build_array(
          extract(epoch from ${appointments.startTime}) * 1000,
          extract(epoch from ${appointments.endTime}) * 1000)), '[]')`,
        })
        .from(appointments)
        .where(
          and(
            holdingTime(tenantId, practitionerId, from, to),
            query.excludeAppointmentId ? ne(appointments.id, query.excludeAppointmentId) : undefined,
          ),
        ),
    () => deps.busyTime.busyIntervals(db, { tenantId, userId: practitionerId }, from, to),
  ] as const);

  const found = computeAvailableSlots({
    slots,
    exceptions,
    booked: fromJson<[number, number][]>(booked[0]!.spans).map(([start, end]) => ({
      start: Number(start),
      end: Number(end),
    })),
    busy,
    rangeStart,
    rangeEnd,
    now,
    minNoticeMinutes: query.minNoticeMinutes ?? defaultMinNoticeMinutes,
    durationMinutes,
  });
  return {
    timezone,
    practitionerId,
    productId: query.productId ?? null,
    slots: found.map((s) => {
      const localStartTime = toLocalIso(s.start, timezone);
      return {
        startTime: new Date(s.start).toISOString(),
        endTime: new Date(s.end).toISOString(),
        localStartTime,
        localEndTime: toLocalIso(s.end, timezone),
        date: localStartTime.slice(0, 10),
      };
    }),
  };
}
