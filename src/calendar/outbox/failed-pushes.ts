import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarOutbox } from '../../db/schema/index.ts';

/**
 * Pushes a calendar refused for good (a 403 on a calendar shared read-only, a 400): the drain
 * marks them failed rather than retrying forever. They are shown with their
 * connection, so nobody believes a booking is in their calendar when it is not, and can be
 * tried again once the cause is fixed. A later change of the appointment supersedes its failed
 * push (enqueue-pushes.ts), so what is counted here is what is still missing.
 */
export interface FailedPushes {
  count: number;
  /** The provider's last refusal, as it worded it. */
  lastError: string | null;
}

export const noFailedPushes: FailedPushes = { count: 0, lastError: null };

/** The failed pushes of each connection given, in one statement. */
export async function failedPushesByConnection(
  db: Executor,
  connectionIds: string[],
): Promise<Map<string, FailedPushes>> {
  if (connectionIds.length === 0) return new Map();
  const rows = await db
    .select({
      connectionId: calendarOutbox.connectionId,
      count: sql<number>`count(*)::int`,
      lastError: sql<
        string | null
      >`(array_agg(${calendarOutbox.lastError} order by ${calendarOutbox.id} desc))[1]`,
    })
    .from(calendarOutbox)
    .where(and(eq(calendarOutbox.status, 'failed'), inArray(calendarOutbox.connectionId, connectionIds)))
    .groupBy(calendarOutbox.connectionId);
  return new Map(rows.map((r) => [r.connectionId, { count: Number(r.count), lastError: r.lastError }]));
}

/**
 * Puts a connection's failed pushes back in the queue, due now, with their attempts reset (the
 * backoff starts over); a worker carries them within a second. Answers how many. Whether the
 * caller may act on the connection is checked before (connections/retry-refused-pushes.ts).
 */
export async function retryFailedPushes(db: Executor, connectionId: string): Promise<{ retried: number }> {
  const rows = await db
    .update(calendarOutbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), processedAt: null })
    .where(and(eq(calendarOutbox.connectionId, connectionId), eq(calendarOutbox.status, 'failed')))
    .returning({ id: calendarOutbox.id });
  return { retried: rows.length };
}
