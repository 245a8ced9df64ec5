import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CalendarContext } from '../calendar/calendar-context.ts';
import { syncConnection } from '../calendar/sync/sync-connection.ts';
import { calendarConnections } from '../db/schema/index.ts';

/**
 * `calendar.sync`: pull one connection (a push notification, a manual request). A pull that
 * could not happen — another process holds the connection's lock, the provider failed, a
 * shutdown interrupted it — fails the job, so pg-boss runs it again with backoff: the change
 * that was announced is never dropped. An expired connection is not retried: only the user
 * reconnecting can help, and reconnecting syncs anyway.
 */
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
    if (connection?.status !== 'active') return { skipped: 'inactive' };
    const result = await syncConnection(ctx, connection, trigger);
    if (result.skipped === 'busy') throw new Error('Another worker is syncing this connection; retrying');
    if (result.error && result.error.code !== 'expired') throw new Error(result.error.message);
    return { counts: result.counts, skipped: result.skipped ?? null, error: result.error ?? null };
  },
};
