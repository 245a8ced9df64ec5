import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { executeRows } from '../../db/execute-rows.ts';

/**
 * How long the records that only serve as recent history are kept. Nothing a practice owns is
 * pruned: appointments and their audit trail stay for good.
 */
export const retention = {
  /** Sync runs (one per pull: auto-sync writes ~290 a day per calendar); a connection's last run is always kept. */
  syncRunsDays: 30,
  /** Outbox rows carried to their calendar or superseded; pending, parked and failed ones stay. */
  doneOutboxDays: 7,
  /** Lago webhooks already applied, kept to recognise a late retry (Lago retries for hours, not months). */
  webhookReceiptsDays: 90,
  /** Sign-in sessions and e-mail verifications, a day after they expired. */
  expiredAuthDays: 1,
};

/** Rows deleted per statement: short statements, so no table is locked for long. */
const batchSize = 5000;

export interface PruneResult {
  syncRuns: number;
  doneOutbox: number;
  webhookReceipts: number;
  sessions: number;
  verifications: number;
}

/**
 * Deletes history past its retention (`retention`), in batches. Run daily by the housekeeping
 * job; safe to run at any time and from several workers at once (a row deleted twice is
 * deleted once). Answers how many rows of each kind went.
 */
export async function pruneHistory(db: Executor, now = new Date()): Promise<PruneResult> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const inBatches = async (pick: SQL, table: string, key: string) => {
    let total = 0;
    for (;;) {
      const deleted = (
        await executeRows(
          db,
          sql`delete from ${sql.identifier(table)} where ${sql.identifier(key)} in (${pick} limit ${batchSize}) returning 1`,
        )
      ).length;
      total += deleted;
      if (deleted < batchSize) return total;
    }
  };
  return {
    syncRuns: await inBatches(
      sql`select r.id from sync_runs r
        where r.started_at < ${before(retention.syncRunsDays)}::timestamptz
          and (r.connection_id is null or exists (select 1 from sync_runs later
            where later.connection_id = r.connection_id and later.started_at > r.started_at))`,
      'sync_runs',
      'id',
    ),
    doneOutbox: await inBatches(
      sql`select id from calendar_outbox
        where status = 'done' and coalesce(processed_at, created_at) < ${before(retention.doneOutboxDays)}::timestamptz`,
      'calendar_outbox',
      'id',
    ),
    webhookReceipts: await inBatches(
      sql`select unique_key from lago_webhook_receipts
        where received_at < ${before(retention.webhookReceiptsDays)}::timestamptz`,
      'lago_webhook_receipts',
      'unique_key',
    ),
    sessions: await inBatches(
      sql`select id from sessions where expires_at < ${before(retention.expiredAuthDays)}::timestamptz`,
      'sessions',
      'id',
    ),
    verifications: await inBatches(
      sql`select id from verifications where expires_at < ${before(retention.expiredAuthDays)}::timestamptz`,
      'verifications',
      'id',
    ),
  };
}
