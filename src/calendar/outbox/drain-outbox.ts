import { and, eq, inArray, sql } from 'drizzle-orm';
import { executeRows } from '../../db/execute-rows.ts';
import { calendarConnections, calendarOutbox } from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { connectedProvider } from '../connections/connected-provider.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import {
  AccessTokenRejectedError,
  AuthRevokedError,
  ProviderError,
  RateLimitedError,
  TransientProviderError,
} from '../errors.ts';
import { backoffDelay } from '../retry.ts';
import { pushAppointment } from './push-appointment.ts';

type OutboxRow = typeof calendarOutbox.$inferSelect;

export interface DrainResult {
  claimed: number;
  done: number;
  retried: number;
  parked: number;
  failed: number;
}

/** A claimed row is invisible to other drains for this long; a drain that dies releases it by time. */
const leaseMs = 2 * 60 * 1000;
/** Transient failures are retried for as long as it takes, this far apart at most. */
const maxRetryDelayMs = 15 * 60 * 1000;

/**
 * Claims due rows atomically (one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)), so
 * several workers drain in parallel without taking the same row, and no transaction is held
 * open while the provider is called.
 */
async function claim(ctx: CalendarContext, limit: number, tenantId?: string): Promise<OutboxRow[]> {
  const ofTenant = tenantId ? sql`and tenant_id = ${tenantId}` : sql``;
  const claimed = await executeRows<{ id: number | string }>(
    ctx.db,
    sql`
    update calendar_outbox
    set attempts = attempts + 1, next_attempt_at = now() + ${`${leaseMs} milliseconds`}::interval
    where id in (
      select id from calendar_outbox
      where status = 'pending' and next_attempt_at <= now() ${ofTenant}
      order by id
      limit ${limit}
      for update skip locked
    )
    returning id`,
  );
  const ids = claimed.map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return ctx.db
    .select()
    .from(calendarOutbox)
    .where(inArray(calendarOutbox.id, ids))
    .orderBy(calendarOutbox.id);
}

/** Claimed rows not attempted: due again now, their attempt not counted. */
async function release(ctx: CalendarContext, ids: number[]) {
  await ctx.db
    .update(calendarOutbox)
    .set({ nextAttemptAt: new Date(), attempts: sql`${calendarOutbox.attempts} - 1` })
    .where(and(inArray(calendarOutbox.id, ids), eq(calendarOutbox.status, 'pending')));
}

async function finish(ctx: CalendarContext, id: number, fields: Partial<OutboxRow>) {
  await ctx.db.update(calendarOutbox).set(fields).where(eq(calendarOutbox.id, id));
}

/**
 * The `calendar.push` work: carries pending outbox rows to their calendars. Rate limits and
 * outages are retried with exponential backoff and jitter (Retry-After honoured) for as long as
 * the provider needs; an invalid_grant parks every row of that connection until the user
 * reconnects; a refusal that retrying cannot fix is marked failed with its reason.
 */
export async function drainOutbox(
  ctx: CalendarContext,
  options: { limit?: number; tenantId?: string } = {},
): Promise<DrainResult> {
  const result: DrainResult = { claimed: 0, done: 0, retried: 0, parked: 0, failed: 0 };
  for (;;) {
    const rows = await claim(ctx, options.limit ?? 50, options.tenantId);
    if (rows.length === 0) return result;
    result.claimed += rows.length;
    const connections = new Map<string, ConnectionRow>();
    for (const [index, row] of rows.entries()) {
      if (ctx.signal?.aborted) {
        // A stopping worker hands the rest back at once instead of leaving them leased.
        await release(
          ctx,
          rows.slice(index).map((r) => r.id),
        );
        return result;
      }
      let connection = connections.get(row.connectionId);
      if (!connection) {
        [connection] = await ctx.db
          .select()
          .from(calendarConnections)
          .where(eq(calendarConnections.id, row.connectionId));
        if (connection) connections.set(connection.id, connection);
      }
      if (connection?.status !== 'active') {
        await finish(ctx, row.id, { status: 'parked', lastError: 'calendar connection is not active' });
        result.parked += 1;
        continue;
      }
      try {
        // No inline retries here: a failed push is rescheduled instead of holding the drain.
        await pushAppointment(ctx, connectedProvider(ctx, connection, { attempts: 1 }), connection, row);
        await finish(ctx, row.id, { status: 'done', processedAt: new Date(), lastError: null });
        result.done += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof AuthRevokedError) {
          connection.status = 'expired';
          await parkConnection(ctx, connection.id, message);
          result.parked += 1;
        } else if (isWorthRetrying(error)) {
          // Provider outages and our own unexpected failures alike: never drop a push, try later.
          const wait = Math.max(
            backoffDelay(row.attempts, { maxDelayMs: maxRetryDelayMs }),
            error instanceof RateLimitedError ? (error.retryAfterMs ?? 0) : 0,
          );
          await finish(ctx, row.id, {
            status: 'pending',
            nextAttemptAt: new Date(Date.now() + wait),
            lastError: message,
          });
          result.retried += 1;
        } else {
          await finish(ctx, row.id, { status: 'failed', processedAt: new Date(), lastError: message });
          result.failed += 1;
        }
      }
    }
  }
}

/** Rate limits, outages, a token refused once more, and anything that is not the provider's final word. */
function isWorthRetrying(error: unknown): boolean {
  return (
    error instanceof RateLimitedError ||
    error instanceof TransientProviderError ||
    error instanceof AccessTokenRejectedError ||
    !(error instanceof ProviderError)
  );
}

/** Parks every waiting push of a connection whose token was refused. */
export async function parkConnection(ctx: CalendarContext, connectionId: string, reason: string) {
  await ctx.db
    .update(calendarOutbox)
    .set({ status: 'parked', lastError: reason })
    .where(and(eq(calendarOutbox.connectionId, connectionId), eq(calendarOutbox.status, 'pending')));
}
