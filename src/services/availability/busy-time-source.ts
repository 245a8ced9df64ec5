import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarBusyBlocks } from '../../db/schema/index.ts';
import type { Interval } from '../../domain/availability/compute-available-slots.ts';

/**
 * Busy time of a practitioner outside Rendezvous (their connected calendars). Availability
 * reads it through this interface only; calendar sync fills the table behind the default one.
 */
export interface BusyTimeSource {
  busyIntervals(
    db: Executor,
    who: { tenantId: string; userId: string },
    from: Date,
    to: Date,
  ): Promise<Interval[]>;
}

/**
 * Busy blocks written by calendar sync (events Rendezvous did not book): the practitioner's own,
 * and those of calendars set to block the whole practice (no holder).
 */
export const calendarBusyTime: BusyTimeSource = {
  async busyIntervals(db, who, from, to) {
    const rows = await db
      .select({ start: calendarBusyBlocks.startTime, end: calendarBusyBlocks.endTime })
      .from(calendarBusyBlocks)
      .where(
        and(
          eq(calendarBusyBlocks.tenantId, who.tenantId),
          // Theirs, and the practice's (a shared calendar's closures: null holder).
          or(eq(calendarBusyBlocks.userId, who.userId), isNull(calendarBusyBlocks.userId)),
          lt(calendarBusyBlocks.startTime, to),
          gt(calendarBusyBlocks.endTime, from),
        ),
      );
    return rows.map((r) => ({ start: r.start.getTime(), end: r.end.getTime() }));
  },
};
