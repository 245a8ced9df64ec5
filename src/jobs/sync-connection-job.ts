import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CalendarContext } from '../calendar/calendar-context.ts';
import { syncConnection } from '../calendar/sync/sync-connection.ts';
import { calendarConnections } from '../db/schema/index.ts';

/** `calendar.sync`: pull one connection. Its queue runs one job at a time per connection. */
export const syncConnectionJob = {
  name: 'calendar.sync',
  payload: z.object({
    connectionId: z.uuid(),
    trigger: z.enum(['manual', 'cron', 'webhook', 'full', 'startup', 'push']).default('webhook'),
  }),
  async handle(ctx: CalendarContext, data: unknown) {
    const { connectionId, trigger } = syncConnectionJob.payload.parse(data);
    const [connection] = await ctx.db
      .select()
      .from(calendarConnections)
      .where(eq(calendarConnections.id, connectionId));
    // Disconnected or expired since the job was queued: nothing to do, and nothing to retry.
    if (connection?.status !== 'active') return { skipped: true };
    const result = await syncConnection(ctx, connection, trigger);
    return { counts: result.counts, error: result.error ?? null };
  },
};
