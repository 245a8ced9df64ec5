import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

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
 * sync"; a successful pull's new cursor too) — one statement, so that a pull that found nothing
 * costs the database as little as possible (bench/sync-fleet.ts). A pull is recorded once it
 * ends; one whose process died leaves no row, and is simply done again.
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
  const result = JSON.stringify({ ...run.counts, error, durationMs });
  const cursor = run.nextCursor === undefined ? sql`sync_cursor` : sql`${run.nextCursor}::text`;
  await db.execute(sql`
    with run as (
      insert into sync_runs (tenant_id, connection_id, trigger, direction, status, started_at, finished_at, duration_ms, counts, error)
      values (${run.tenantId}, ${run.connectionId}, ${run.trigger}, 'pull', ${error ? 'failed' : 'succeeded'},
              ${run.startedAt.toISOString()}::timestamptz, ${finishedAt.toISOString()}::timestamptz, ${durationMs},
              ${JSON.stringify(run.counts)}::jsonb, ${error})
      returning id
    )
    update calendar_connections
    set last_sync_at = ${finishedAt.toISOString()}::timestamptz, last_sync_result = ${result}::jsonb,
        sync_cursor = ${cursor}, updated_at = case when ${run.nextCursor !== undefined} then now() else updated_at end
    where id = ${run.connectionId} and exists (select 1 from run)`);
}
