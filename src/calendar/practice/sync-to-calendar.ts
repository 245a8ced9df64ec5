import { and, eq } from 'drizzle-orm';
import { calendarConnections } from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { drainOutbox } from '../outbox/drain-outbox.ts';
import { queueMissingPushes } from '../outbox/queue-missing-pushes.ts';

/**
 * POST /api/calendar/sync-to-calendar (spec 002): every upcoming pending or confirmed
 * appointment of the practice that a connected calendar which should carry it
 * (calendar-carries.ts) does not carry yet is queued for that calendar, then the outbox is drained. Idempotent: a second
 * call finds nothing missing, and pushes are idempotent anyway.
 */
export async function syncToCalendar(ctx: CalendarContext, tenantId: string) {
  const connections = await ctx.db
    .select({
      id: calendarConnections.id,
      userId: calendarConnections.userId,
      authType: calendarConnections.authType,
    })
    .from(calendarConnections)
    .where(and(eq(calendarConnections.tenantId, tenantId), eq(calendarConnections.status, 'active')));
  let queued = 0;
  for (const connection of connections)
    queued += await queueMissingPushes(ctx.db, { ...connection, tenantId });
  const drained = await drainOutbox(ctx, { tenantId });
  return { queued, pushed: drained.done, retrying: drained.retried, failed: drained.failed };
}
