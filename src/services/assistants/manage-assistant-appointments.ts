import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointments, products } from '../../db/schema/index.ts';
import { activeStatuses } from '../../domain/appointment-status.ts';
import { AppError, invalid, notFound } from '../../domain/errors.ts';
import { toLocalIso } from '../../domain/time-zone.ts';
import { appointmentEndProblem } from '../../shared/appointments.ts';
import {
  type AssistantAppointmentLookup,
  type AssistantBookingSummary,
  type AssistantRescheduleInput,
  phoneSeparators,
} from '../../shared/assistants.ts';
import type { AppointmentRow } from '../appointments/appointment-dto.ts';
import { tenantTimezone } from '../appointments/create-appointment.ts';
import { isUuid } from '../appointments/find-visible-appointment.ts';
import { type Actor, changeAppointment } from '../appointments/record-change.ts';
import type { BusyTimeSource } from '../availability/busy-time-source.ts';
import { assertStartAhead, findBookableSlot, lockPractitioner } from './bookable-slot.ts';
import type { AssistantIdentity } from './resolve-assistant-key.ts';

type Deps = { db: Executor; busyTime: BusyTimeSource };

/** The most a lookup answers: a caller has a handful of bookings, a shared line a few more. */
export const lookupLimit = 20;

export function toBookingSummary(row: AppointmentRow): AssistantBookingSummary {
  return {
    id: row.id,
    title: row.title,
    startTime: row.startTime.toISOString(),
    endTime: row.endTime.toISOString(),
    timezone: row.timezone,
    localStartTime: toLocalIso(row.startTime.getTime(), row.timezone),
    localEndTime: toLocalIso(row.endTime.getTime(), row.timezone),
    status: row.status,
    service: row.service,
    attendeeName: row.attendeeName,
  };
}

const asAssistant = (who: AssistantIdentity): Actor => ({ type: 'assistant', id: who.assistantId });

/**
 * The caller's upcoming pending or confirmed appointments in the key's practice, soonest first:
 * by the email they booked with (any letter case), or by their phone however it is written.
 */
export async function findCallerAppointments(
  db: Executor,
  who: AssistantIdentity,
  query: AssistantAppointmentLookup,
  now = Date.now(),
): Promise<AssistantBookingSummary[]> {
  const caller = query.email
    ? sql`lower(${appointments.attendeeEmail}) = ${query.email.toLowerCase()}`
    : sql`regexp_replace(${appointments.attendeePhone}, '[[:space:].()-]', '', 'g') = ${(query.phone ?? '').replace(phoneSeparators, '')}`;
  const rows = await db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.tenantId, who.tenantId),
        inArray(appointments.status, [...activeStatuses]),
        gt(appointments.startTime, new Date(now)),
        caller,
      ),
    )
    .orderBy(asc(appointments.startTime))
    .limit(lookupLimit);
  return rows.map(toBookingSummary);
}

/**
 * What the assistant may change: a pending or confirmed appointment that has not begun. Once
 * it has, whether it took place is the practice's to record.
 */
function assertStillAhead(row: AppointmentRow, now: number): void {
  if (!(activeStatuses as readonly string[]).includes(row.status)) {
    const state = row.status === 'no_show' ? 'marked as a no-show' : row.status;
    throw new AppError('INVALID_STATE', `This appointment is already ${state}`, { status: row.status });
  }
  if (row.startTime.getTime() <= now) {
    throw new AppError(
      'INVALID_STATE',
      'This appointment has already begun, so it can no longer be changed: the practice must handle it',
      { status: row.status, startTime: row.startTime.toISOString() },
    );
  }
}

/** Cancels a caller's appointment; the audit trail names the assistant, the calendar follows. */
export async function cancelAssistantAppointment(
  db: Executor,
  who: AssistantIdentity,
  id: string,
  now = Date.now(),
): Promise<AssistantBookingSummary> {
  if (!isUuid(id)) throw notFound('Appointment');
  const row = await changeAppointment(db, who.tenantId, id, asAssistant(who), (before) => {
    assertStillAhead(before, now);
    return { action: 'cancelled', patch: { status: 'cancelled' } };
  });
  return toBookingSummary(row);
}

/** The product's id while it is still offered: its openings then apply, as when booking it. */
async function offeredProduct(db: Executor, tenantId: string, productId: string | null) {
  if (!productId) return undefined;
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.id, productId), eq(products.isActive, true)));
  return row?.id;
}

/**
 * Moves a caller's appointment to a start the booking would accept (the same check, with the
 * appointment's own time counted as free), keeping its length unless `endTime` is given. It
 * stays with its practitioner; the audit trail names the assistant, the calendar event moves.
 */
export async function rescheduleAssistantAppointment(
  deps: Deps,
  who: AssistantIdentity,
  id: string,
  input: AssistantRescheduleInput,
  now = Date.now(),
): Promise<AssistantBookingSummary> {
  if (!isUuid(id)) throw notFound('Appointment');
  const start = Date.parse(input.startTime);
  assertStartAhead(start, now);
  const timezone = await tenantTimezone(deps.db, who.tenantId);
  const row = await changeAppointment(deps.db, who.tenantId, id, asAssistant(who), async (before, tx) => {
    assertStillAhead(before, now);
    const end = input.endTime
      ? Date.parse(input.endTime)
      : start + before.endTime.getTime() - before.startTime.getTime();
    const endProblem = appointmentEndProblem(start, end);
    if (endProblem) throw invalid(`endTime: ${endProblem}`, [{ path: 'body.endTime', message: endProblem }]);
    const practitionerId = before.assignedAdminId;
    if (!practitionerId) {
      throw new AppError(
        'INVALID_STATE',
        'This appointment has no practitioner yet: the practice must place it',
      );
    }
    await lockPractitioner(tx, practitionerId);
    await findBookableSlot(
      { db: tx, busyTime: deps.busyTime },
      {
        tenantId: who.tenantId,
        practitionerId,
        timezone,
        start,
        productId: await offeredProduct(tx, who.tenantId, before.productId),
        durationMinutes: Math.ceil((end - start) / 60_000),
        excludeAppointmentId: before.id,
      },
      now,
    );
    if (start === before.startTime.getTime() && end === before.endTime.getTime()) return null;
    return { action: 'updated', patch: { startTime: new Date(start), endTime: new Date(end) } };
  });
  return toBookingSummary(row);
}
