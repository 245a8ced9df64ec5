import { and, eq, sql } from 'drizzle-orm';
import { calendarBusyBlocks, calendarConnections } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../domain/errors.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { failedPushesByConnection } from '../outbox/failed-pushes.ts';
import { canImportFrom } from '../sync/importing-calendars.ts';
import { busyTimeHolder } from './busy-time-holder.ts';
import { type CalendarConnectionDto, toConnectionDto } from './connection-dto.ts';
import { getConnectionRow } from './list-connections.ts';

/**
 * PUT /api/calendar/busy-time: whether a calendar's other events (those Rendezvous did not book)
 * block every practitioner of the practice, or only the member who connected it. For a calendar
 * the practice shares (the service account's clinic calendar, a front-desk account), where
 * "Clinic closed" must stop every booking. Owners and admins only, on a staff member's calendar:
 * a client's calendar is never read as busy time (importing-calendars.ts). The blocks already
 * stored change holder in the same transaction, so availability follows at once, not at the
 * next sync.
 */
export async function setBlocksWholePractice(
  ctx: CalendarContext,
  caller: UserCaller,
  connectionId: string,
  blocksWholePractice: boolean,
): Promise<CalendarConnectionDto> {
  if (caller.role !== 'owner' && caller.role !== 'admin')
    throw forbidden("Only the practice's owners and admins can decide whose time a calendar blocks");
  const connection = await getConnectionRow(ctx.db, caller, connectionId);
  if (!(await canImportFrom(ctx.db, connection))) {
    throw new AppError(
      'NOT_A_STAFF_CALENDAR',
      "This calendar belongs to a client: its events are not busy time, so they cannot block the practice's time",
    );
  }
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(calendarConnections)
      .set({ blocksWholePractice, updatedAt: sql`now()` })
      .where(
        and(eq(calendarConnections.tenantId, caller.tenantId), eq(calendarConnections.id, connection.id)),
      )
      .returning();
    // Disconnected in the meantime.
    if (!row) throw notFound('Calendar connection');
    await tx
      .update(calendarBusyBlocks)
      .set({ userId: busyTimeHolder(row) })
      .where(and(eq(calendarBusyBlocks.tenantId, row.tenantId), eq(calendarBusyBlocks.connectionId, row.id)));
    return row;
  });
  const failed = await failedPushesByConnection(ctx.db, [updated.id]);
  return toConnectionDto(updated, failed.get(updated.id));
}
