import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarBusyBlocks } from '../../db/schema/index.ts';
import { activeStatuses } from '../../domain/appointment-status.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppointmentRow } from '../appointments/appointment-dto.ts';

const holdsTime = (row: AppointmentRow | null) =>
  !!row?.assignedAdminId && (activeStatuses as readonly string[]).includes(row.status);

/**
 * No booking into busy time of the practitioner's connected calendars (events Rendezvous did not
 * book: a dentist appointment, a meeting), nor of a calendar that blocks the whole practice.
 * Checked in the transaction of the change, for bookings and reschedules made in Rendezvous;
 * events imported from a calendar are exempt (that calendar is where the time was taken). A
 * change that leaves the time and practitioner as they were is not checked again, so a busy
 * block that appeared later never blocks editing a title.
 */
export async function assertCalendarFree(
  tx: Executor,
  before: AppointmentRow | null,
  after: AppointmentRow,
): Promise<void> {
  if (!holdsTime(after)) return;
  const unchanged =
    holdsTime(before) &&
    before!.assignedAdminId === after.assignedAdminId &&
    before!.startTime.getTime() === after.startTime.getTime() &&
    before!.endTime.getTime() === after.endTime.getTime();
  if (unchanged) return;
  const busy = await tx
    .select({ start: calendarBusyBlocks.startTime, end: calendarBusyBlocks.endTime })
    .from(calendarBusyBlocks)
    .where(
      and(
        eq(calendarBusyBlocks.tenantId, after.tenantId),
        // Theirs, and the practice's (a shared calendar's closures: null holder).
        or(eq(calendarBusyBlocks.userId, after.assignedAdminId!), isNull(calendarBusyBlocks.userId)),
        lt(calendarBusyBlocks.startTime, after.endTime),
        gt(calendarBusyBlocks.endTime, after.startTime),
      ),
    )
    .orderBy(calendarBusyBlocks.startTime)
    .limit(5);
  if (busy.length === 0) return;
  throw new AppError('SLOT_UNAVAILABLE', "The practitioner's calendar is busy at that time", {
    busy: busy.map((b) => ({ start: b.start.toISOString(), end: b.end.toISOString() })),
  });
}
