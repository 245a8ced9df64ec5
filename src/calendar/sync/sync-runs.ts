import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarConnections, syncRuns } from '../../db/schema/index.ts';

export type SyncTrigger = 'manual' | 'cron' | 'webhook' | 'full' | 'startup' | 'push';

export interface SyncCounts {
  created: number;
  updated: number;
  cancelled: number;
  unchanged: number;
  busy: number;
  conflicts: number;
  requests: number;
  fullResync: boolean;
}

export const emptyCounts = (): SyncCounts => ({
  created: 0,
  updated: 0,
  cancelled: 0,
  unchanged: 0,
  busy: 0,
  conflicts: 0,
  requests: 0,
  fullResync: false,
});

/**
 * Records a finished pull and mirrors its outcome on the connection (the settings page's "last
 * sync"; a successful pull's new cursor too). Two plain statements: a pull that found nothing
 * costs the database little (bench/sync-fleet.ts; one CTE doing both plans slower on PGlite). A
 * pull is recorded once it ends; one whose process died leaves no row, and is simply done again.
 */
export async function recordSyncRun(
  db: Executor,
  run: {
    tenantId: string;
    connectionId: string;
    trigger: SyncTrigger;
    startedAt: Date;
    counts: SyncCounts;
    error?: string;
    /** Set after a successful pull: where the next one starts. */
    nextCursor?: string | null;
  },
) {
  const finishedAt = new Date();
  const durationMs = Math.max(0, finishedAt.getTime() - run.startedAt.getTime());
  const error = run.error ?? null;
  await db.insert(syncRuns).values({
    tenantId: run.tenantId,
    connectionId: run.connectionId,
    trigger: run.trigger,
    direction: 'pull',
    status: error ? 'failed' : 'succeeded',
    startedAt: run.startedAt,
    finishedAt,
    durationMs,
    counts: run.counts,
    error,
  });
  await db
    .update(calendarConnections)
    .set({
      lastSyncAt: finishedAt,
      lastSyncResult: { ...run.counts, error, durationMs },
      ...(run.nextCursor !== undefined ? { syncCursor: run.nextCursor, updatedAt: finishedAt } : {}),
    })
    .where(eq(calendarConnections.id, run.connectionId));
}
