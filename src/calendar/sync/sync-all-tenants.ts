import { and, eq } from 'drizzle-orm';
import { calendarConnections, organizations } from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { requestSlots } from '../request-slots.ts';
import { hasUnlistedPushes } from './cancel-gone-upstream.ts';
import { type ConnectionSyncResult, syncConnection } from './sync-connection.ts';
import { emptyCounts, type SyncTrigger } from './sync-runs.ts';

export interface TenantSyncSummary {
  tenantId: string;
  connections: ConnectionSyncResult[];
  synced: number;
  failed: number;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Spec 000 §5: every active connection of every tenant, synced with the same logic as the Sync
 * button, with at most `concurrency` provider requests in flight. One tenant's failure (an
 * expired token, a provider outage) is recorded in its own summary and never stops the others.
 *
 * A few more connections than that are in progress: while `concurrency` of them wait on the
 * provider, the others write what they read, take their lock or record their run, so the
 * database's work overlaps the provider's latency instead of adding to it. (Twice as many made
 * the database's own contention cost more than the overlap saved: bench/sync-fleet.ts.)
 */
export async function syncAppointmentsForAllTenants(
  ctx: CalendarContext,
  options: { concurrency?: number; trigger?: SyncTrigger } = {},
): Promise<TenantSyncSummary[]> {
  const trigger = options.trigger ?? 'cron';
  const rows = await ctx.db
    .select({ connection: calendarConnections, hasUnlisted: hasUnlistedPushes })
    .from(calendarConnections)
    .innerJoin(organizations, eq(organizations.id, calendarConnections.tenantId))
    .where(
      and(
        eq(calendarConnections.status, 'active'),
        // A practice that stopped auto-sync (spec 002 auto-sync/stop) is skipped by the schedule only.
        trigger === 'cron' ? eq(organizations.autoSyncEnabled, true) : undefined,
      ),
    );
  // Read once here for the whole cycle: each pull then starts without reading its row again.
  const connections = rows.map((r) => ({ ...r.connection, hasUnlisted: r.hasUnlisted }));
  const concurrency = options.concurrency ?? 8;
  const cycle: CalendarContext = { ...ctx, requestSlots: requestSlots(concurrency) };
  const inProgress = concurrency + 4;
  const results = await mapWithConcurrency(connections, inProgress, (connection) =>
    syncConnection(cycle, connection, trigger).catch(
      (error: unknown): ConnectionSyncResult => ({
        connectionId: connection.id,
        provider: connection.provider,
        counts: emptyCounts(),
        error: { code: 'internal_error', message: error instanceof Error ? error.message : String(error) },
      }),
    ),
  );
  const byTenant = new Map<string, TenantSyncSummary>();
  connections.forEach((connection, index) => {
    const summary = byTenant.get(connection.tenantId) ?? {
      tenantId: connection.tenantId,
      connections: [],
      synced: 0,
      failed: 0,
    };
    const result = results[index]!;
    summary.connections.push(result);
    if (result.error) summary.failed += 1;
    else summary.synced += result.counts.created + result.counts.updated + result.counts.cancelled;
    byTenant.set(connection.tenantId, summary);
  });
  return [...byTenant.values()];
}
