import { type SQL, sql } from 'drizzle-orm';
import { type Executor, writesInOneStatement } from '../../db/client.ts';

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

export interface FinishedRun {
  tenantId: string;
  connectionId: string;
  trigger: SyncTrigger;
  startedAt: Date;
  counts: SyncCounts;
  error?: string;
  /** Set after a successful pull: where the next one starts. */
  nextCursor?: string | null;
}

/**
 * The writes that record a finished pull and mirror its outcome on the connection (the settings
 * page's "last sync"; a successful pull's new cursor too). They run as ONE statement, here or
 * in the one that releases the pull's lock (sync-connection.ts): every pull ends with them, so
 * their cost counts once per connection and cycle (bench/sync-fleet.ts). A pull is recorded once
 * it ends; one whose process died leaves no row, and is simply done again.
 */
export function syncRunWrites(run: FinishedRun): SQL[] {
  const finishedAt = new Date();
  const durationMs = Math.max(0, finishedAt.getTime() - run.startedAt.getTime());
  const error = run.error ?? null;
  const finished = finishedAt.toISOString();
  return [
    sql`insert into sync_runs (tenant_id, connection_id, trigger, direction, status, started_at, finished_at, duration_ms, counts, error)
      values (${run.tenantId}, ${run.connectionId}::uuid, ${run.trigger}, 'pull', ${error ? 'failed' : 'succeeded'},
        ${run.startedAt.toISOString()}::timestamptz, ${finished}::timestamptz, ${durationMs}, ${JSON.stringify(run.counts)}::jsonb, ${error})`,
    sql`update calendar_connections
      set last_sync_at = ${finished}::timestamptz,
        last_sync_result = ${JSON.stringify({ ...run.counts, error, durationMs })}::jsonb
        ${run.nextCursor !== undefined ? sql`, sync_cursor = ${run.nextCursor}, updated_at = ${finished}::timestamptz` : sql``}
      where id = ${run.connectionId}::uuid`,
  ];
}

/** Records a finished pull on its own (see `syncRunWrites`). */
export async function recordSyncRun(db: Executor, run: FinishedRun) {
  await db.execute(writesInOneStatement(syncRunWrites(run)));
}
