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

export async function startSyncRun(
  db: Executor,
  tenantId: string,
  connectionId: string,
  trigger: SyncTrigger,
) {
  const [run] = await db
    .insert(syncRuns)
    .values({ tenantId, connectionId, trigger, direction: 'pull' })
    .returning();
  return run!;
}

/** Closes a run and mirrors its outcome on the connection (the settings page's "last sync"). */
export async function finishSyncRun(
  db: Executor,
  run: { id: string; connectionId: string | null; startedAt: Date },
  outcome: { counts: SyncCounts; error?: string },
) {
  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - run.startedAt.getTime();
  await db
    .update(syncRuns)
    .set({
      status: outcome.error ? 'failed' : 'succeeded',
      finishedAt,
      durationMs,
      counts: outcome.counts,
      error: outcome.error ?? null,
    })
    .where(eq(syncRuns.id, run.id));
  if (run.connectionId) {
    await db
      .update(calendarConnections)
      .set({
        lastSyncAt: finishedAt,
        lastSyncResult: { ...outcome.counts, error: outcome.error ?? null, durationMs },
      })
      .where(eq(calendarConnections.id, run.connectionId));
  }
}
