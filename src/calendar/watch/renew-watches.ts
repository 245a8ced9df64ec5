import { and, eq, isNotNull, lt } from 'drizzle-orm';
import { calendarConnections } from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { renewBeforeMs, watchConnection } from './watch-connection.ts';

/** Renews every active channel that has less than a day left. One failure does not stop the others. */
export async function renewExpiringWatches(ctx: CalendarContext, now = new Date()) {
  const due = await ctx.db
    .select()
    .from(calendarConnections)
    .where(
      and(
        eq(calendarConnections.status, 'active'),
        isNotNull(calendarConnections.watchChannelId),
        lt(calendarConnections.watchExpiresAt, new Date(now.getTime() + renewBeforeMs)),
      ),
    );
  let renewed = 0;
  let failed = 0;
  for (const connection of due) {
    try {
      await watchConnection(ctx, connection);
      renewed += 1;
    } catch {
      failed += 1;
    }
  }
  return { renewed, failed };
}
