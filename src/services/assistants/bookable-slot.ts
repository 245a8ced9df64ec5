import { and, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';
import { waitTurnInTransaction } from '../../db/transaction-lock.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import { localDate } from '../../domain/time-zone.ts';
import type { Availability } from '../../shared/availability.ts';
import type { BusyTimeSource } from '../availability/busy-time-source.ts';
import { getPublicAvailableSlots, holdingTime } from '../availability/get-public-available-slots.ts';

type Deps = { db: Executor; busyTime: BusyTimeSource };
const dayMs = 86_400_000;

export const justTaken = () =>
  new AppError(
    'OVERLAPPING_APPOINTMENT',
    'This time was just taken; fetch the availability again and offer another',
  );

/**
 * Bookings and moves of one practitioner by assistants take turns: the availability check and
 * the write run under a transaction lock on the practitioner, so a concurrent booking of the
 * same time finds the winner's row instead of racing it into the exclusion constraint (where
 * PostgreSQL can end two crossed inserts with a deadlock error after a second of waiting).
 */
export async function lockPractitioner(tx: Executor, practitionerId: string): Promise<void> {
  await waitTurnInTransaction(tx, 'bookings', practitionerId);
}

/**
 * Why a start is not bookable: taken by another appointment (most often a concurrent booking of
 * the same slot), or simply not an opening.
 */
async function unavailable(
  db: Executor,
  tenantId: string,
  practitionerId: string,
  span: { start: number; minutes: number; excludeAppointmentId?: string },
) {
  const end = new Date(span.start + span.minutes * 60_000);
  const [taken] = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        holdingTime(tenantId, practitionerId, new Date(span.start), end),
        span.excludeAppointmentId ? ne(appointments.id, span.excludeAppointmentId) : undefined,
      ),
    )
    .limit(1);
  return taken
    ? justTaken()
    : new AppError(
        'SLOT_UNAVAILABLE',
        'This start is not a bookable time (outside opening hours, blocked, or busy); use a startTime from getAvailableSlots',
        { fields: [{ path: 'body.startTime', message: 'Not an available slot' }] },
      );
}

/** A booking or a move is to a time to come. */
export function assertStartAhead(start: number, now: number): void {
  if (start <= now) {
    throw invalid('The start is in the past', [{ path: 'body.startTime', message: 'Must be in the future' }]);
  }
}

export interface SlotWanted {
  tenantId: string;
  practitionerId: string;
  timezone: string;
  start: number;
  productId?: string;
  /** The length to fit; default: the product's, else the opening's own. */
  durationMinutes?: number;
  /** An appointment being moved: its current time does not stand in the way of its new one. */
  excludeAppointmentId?: string;
}

/**
 * The assistant's one availability check, for booking and moving alike: the slot starting at
 * `start` if availability offers it (openings, exceptions, maxAppointments, appointments, busy
 * calendar time), else OVERLAPPING_APPOINTMENT (taken) or SLOT_UNAVAILABLE (not an opening).
 * Call it under `lockPractitioner`, reading through the transaction.
 */
export async function findBookableSlot(
  deps: Deps,
  wanted: SlotWanted,
  now: number,
): Promise<Availability['slots'][number]> {
  const { start, timezone } = wanted;
  // The whole day around the start, in the practice's zone: openings near midnight included.
  const { slots } = await getPublicAvailableSlots(
    deps,
    wanted.tenantId,
    {
      startDate: localDate(start - dayMs, timezone),
      endDate: localDate(start + dayMs, timezone),
      timezone,
      productId: wanted.productId,
      durationMinutes: wanted.durationMinutes,
      excludeAppointmentId: wanted.excludeAppointmentId,
      defaultPractitionerId: wanted.practitionerId,
      // The notice shapes what availability offers; a start offered a moment ago stays bookable.
      minNoticeMinutes: 0,
    },
    now,
  );
  const slot = slots.find((s) => Date.parse(s.startTime) === start);
  if (slot) return slot;
  throw await unavailable(deps.db, wanted.tenantId, wanted.practitionerId, {
    start,
    minutes: wanted.durationMinutes ?? 30,
    excludeAppointmentId: wanted.excludeAppointmentId,
  });
}
