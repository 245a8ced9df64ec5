import { eq, sql } from 'drizzle-orm';
import { executeRows } from '../../db/execute-rows.ts';
import { calendarConnections } from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { connectedProvider } from '../connections/connected-provider.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import { AuthRevokedError, CursorExpiredError, ProviderError } from '../errors.ts';
import { queueMissingPushes } from '../outbox/queue-missing-pushes.ts';
import type { CalendarProvider, ChangeSet, ExternalEvent } from '../provider.ts';
import { createChangeApplier } from './apply-changes.ts';
import {
  cancelGoneAppointment,
  checkUnlistedPushes,
  hasUnlistedPushes,
  isGoneUpstream,
} from './cancel-gone-upstream.ts';
import {
  emptyCounts,
  type FinishedRun,
  type SyncCounts,
  type SyncTrigger,
  syncRunWrites,
} from './sync-runs.ts';
import { withoutNul } from './without-nul.ts';

export interface ConnectionSyncResult {
  connectionId: string;
  provider: string;
  counts: SyncCounts;
  error?: {
    code: 'expired' | 'provider_error' | 'internal_error' | 'interrupted';
    message: string;
  };
  /**
   * Not pulled: `busy` — another process is pulling this connection right now (it reads the
   * same changes); `inactive` — the connection expired or was removed meanwhile.
   */
  skipped?: 'busy' | 'inactive';
}

/** The pull of each connection running in this process; a request meanwhile asks for one more. */
const running = new Map<string, { promise: Promise<ConnectionSyncResult>; again: boolean }>();

/**
 * Pulls one connection: incremental with the stored cursor, a full re-read when there is none
 * or the provider says it is gone. Every run is recorded in sync_runs. A refused token marks
 * the connection expired and is reported, never swallowed; nothing local is deleted for it.
 *
 * One pull at a time per connection across every process (a named lock on the database). A
 * request that arrives while this process pulls the connection shares that pull's result and
 * makes it read once more at the end, since the change it announces may have come after the
 * pull's last page; a request that finds another process pulling is answered `skipped: busy`.
 */
export function syncConnection(
  ctx: CalendarContext,
  connection: ConnectionToSync,
  trigger: SyncTrigger,
): Promise<ConnectionSyncResult> {
  const current = running.get(connection.id);
  if (current) {
    current.again = true;
    return current.promise;
  }
  const entry = { again: false, promise: Promise.resolve(null as unknown as ConnectionSyncResult) };
  entry.promise = (async () => {
    let result = await pullExclusively(ctx, connection, trigger);
    while (entry.again && !result.error && !result.skipped) {
      entry.again = false;
      const next = await pullExclusively(ctx, connection, trigger);
      result = { ...next, counts: addCounts(result.counts, next.counts) };
    }
    return result;
  })().finally(() => running.delete(connection.id));
  running.set(connection.id, entry);
  return entry.promise;
}

function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    cancelled: a.cancelled + b.cancelled,
    unchanged: a.unchanged + b.unchanged,
    busy: a.busy + b.busy,
    conflicts: a.conflicts + b.conflicts,
    requests: a.requests + b.requests,
    fullResync: a.fullResync || b.fullResync,
  };
}

/** A connection row, with whether it has unlisted pushes when the caller read that too. */
export type ConnectionToSync = ConnectionRow & { hasUnlisted?: boolean };

async function pullExclusively(
  ctx: CalendarContext,
  given: ConnectionToSync,
  trigger: SyncTrigger,
): Promise<ConnectionSyncResult> {
  const outcome = (skipped: 'busy' | 'inactive'): ConnectionSyncResult => ({
    connectionId: given.id,
    provider: given.provider,
    counts: emptyCounts(),
    skipped,
  });
  const release = await ctx.locks.tryLock(`calendar-sync:${given.id}`);
  if (!release) return outcome('busy');
  // The run's record is written by the statement that releases the lock: one round trip for both.
  let record: FinishedRun | undefined;
  let result: ConnectionSyncResult;
  try {
    let connection: ConnectionRow & { hasUnlisted: boolean };
    if (given.hasUnlisted !== undefined) {
      // Read in bulk moments ago (the auto-sync cycle): used as is. Should another process have
      // pulled since, the older cursor only makes this pull re-read changes it then skips.
      connection = given as ConnectionRow & { hasUnlisted: boolean };
    } else {
      // Read under the lock: the cursor another process saved, and whether the connection still works.
      const [row] = await ctx.db
        .select({ connection: calendarConnections, hasUnlisted: hasUnlistedPushes })
        .from(calendarConnections)
        .where(eq(calendarConnections.id, given.id));
      if (row?.connection.status !== 'active') return outcome('inactive');
      connection = { ...row.connection, hasUnlisted: row.hasUnlisted };
    }
    ({ result, record } = await pull(ctx, connection, trigger));
  } finally {
    await release(record ? syncRunWrites(record) : []);
  }
  // Once it is saved: the cursor a pull of the same row starts from (syncConnection's `again`).
  if (record.nextCursor !== undefined) given.syncCursor = record.nextCursor;
  return result;
}

/** A stopping worker interrupts a pull between pages; the cursor is not saved, so nothing is skipped. */
export class SyncInterruptedError extends Error {
  constructor() {
    super('The sync was interrupted by a shutdown; it will run again');
    this.name = 'SyncInterruptedError';
  }
}

function throwIfStopping(ctx: CalendarContext) {
  if (ctx.signal?.aborted) throw new SyncInterruptedError();
}

/** Pulls, and answers the result with the run to record, which holds the new cursor after a success. */
async function pull(
  ctx: CalendarContext,
  connection: ConnectionRow & { hasUnlisted: boolean },
  trigger: SyncTrigger,
): Promise<{ result: ConnectionSyncResult; record: FinishedRun }> {
  const counts = emptyCounts();
  const run = {
    tenantId: connection.tenantId,
    connectionId: connection.id,
    trigger,
    startedAt: new Date(),
    counts,
  };
  const result: ConnectionSyncResult = { connectionId: connection.id, provider: connection.provider, counts };
  try {
    throwIfStopping(ctx);
    const provider = connectedProvider(ctx, connection);
    const startedFull = connection.syncCursor === null;
    const applier = await createChangeApplier(ctx.db, connection, counts, { fullRead: startedFull });
    const applyPage = async (events: ExternalEvent[]) => {
      throwIfStopping(ctx);
      await applier.applyPage(events.map(withoutNul));
    };
    let fullRead = connection.syncCursor === null;
    let changes: ChangeSet;
    try {
      changes = await provider.listChanges(connection.syncCursor, applyPage);
    } catch (error) {
      if (!(error instanceof CursorExpiredError) || fullRead) throw error;
      // The cursor is gone (Google 410): read everything again; nothing local is dropped for it.
      fullRead = true;
      counts.requests += 1;
      changes = await provider.listChanges(null, applyPage);
    }
    counts.requests += changes.requests;
    counts.fullResync = fullRead;
    if (fullRead) {
      // What the connection held before this pull, read under its lock with the lookups. A
      // calendar read in full for the first time has no busy time or links to reconcile (a link
      // pushed meanwhile is unlisted: the next pull checks it) and, when its owner had no upcoming
      // appointments then, nothing to queue (one booked since has its push queued by its own
      // write). Unknown after a 410 (pages applied before it) or a read that brought no events.
      const before = startedFull ? applier.storedBefore() : undefined;
      if (!before || before.links || before.busy)
        await reconcileAfterFullRead(ctx, connection, provider, applier.seen, counts);
      // After the read, which linked again the events we wrote before: what is still missing
      // (bookings made before the calendar was connected, pushes given up on) is queued now.
      if (!before || before.upcoming) await queueMissingPushes(ctx.db, connection);
    }
    if (connection.hasUnlisted)
      await checkUnlistedPushes(ctx, connection, provider, applier.seen, run.startedAt, counts);
    return { result, record: { ...run, nextCursor: changes.nextCursor } };
  } catch (error) {
    result.error = describe(error);
    return { result, record: { ...run, error: result.error.message } };
  }
}

/**
 * After a full read, what the listing no longer shows: busy time is derived data and is
 * replaced; a linked appointment is only cancelled when the provider confirms its event is
 * cancelled or gone (404/410) — an event merely missing from a listing proves nothing.
 */
async function reconcileAfterFullRead(
  ctx: CalendarContext,
  connection: ConnectionRow,
  provider: CalendarProvider,
  seenIds: Set<string>,
  counts: SyncCounts,
) {
  // One statement: the busy time no longer listed goes, and the live appointments whose events
  // were not listed come back to be asked about — usually none. One JSON parameter for the ids.
  const missing = await executeRows<{ externalEventId: string; appointmentId: string }>(
    ctx.db,
    sql`
    with seen as (select jsonb_array_elements_text(${JSON.stringify([...seenIds])}::jsonb) as id),
    dropped as (
      delete from calendar_busy_blocks b
      where b.connection_id = ${connection.id} and not exists (select 1 from seen where seen.id = b.external_event_id))
    select l.external_event_id as "externalEventId", l.appointment_id as "appointmentId"
    from calendar_event_links l join appointments a on a.id = l.appointment_id
    where l.connection_id = ${connection.id} and a.status in ('pending', 'confirmed')
      and not exists (select 1 from seen where seen.id = l.external_event_id)`,
  );
  for (const link of missing) {
    if (await isGoneUpstream(provider, link.externalEventId, counts))
      await cancelGoneAppointment(ctx, connection, link.appointmentId, counts);
  }
}

function describe(error: unknown): NonNullable<ConnectionSyncResult['error']> {
  if (error instanceof SyncInterruptedError) return { code: 'interrupted', message: error.message };
  if (error instanceof AuthRevokedError) {
    return { code: 'expired', message: 'The calendar connection has expired or was revoked: reconnect it' };
  }
  if (error instanceof ProviderError) return { code: 'provider_error', message: error.message };
  return { code: 'internal_error', message: error instanceof Error ? error.message : String(error) };
}
