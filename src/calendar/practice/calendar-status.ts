import { desc, eq } from 'drizzle-orm';
import { organizations, syncRuns } from '../../db/schema/index.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { toConnectionDto } from '../connections/connection-dto.ts';
import { listConnectionRows } from '../connections/list-connections.ts';

export interface AutoSyncState {
  /** Auto-sync is configured on (AUTO_SYNC_ENABLED) and not stopped for this practice. */
  enabled: boolean;
  /** A worker is running the schedule. */
  running: boolean;
  interval_seconds: number;
  last_sync_time: string | null;
  last_sync_result: { created: number; updated: number; cancelled: number; error: string | null } | null;
}

export interface AutoSyncSettings {
  enabledByConfig: boolean;
  intervalSeconds: number;
  workerRunning: boolean;
}

/** Spec 002 `auto_sync`, per practice. */
export async function getAutoSyncState(
  ctx: CalendarContext,
  tenantId: string,
  settings: AutoSyncSettings,
): Promise<AutoSyncState> {
  const [tenant] = await ctx.db
    .select({ autoSyncEnabled: organizations.autoSyncEnabled })
    .from(organizations)
    .where(eq(organizations.id, tenantId));
  const [lastRun] = await ctx.db
    .select()
    .from(syncRuns)
    .where(eq(syncRuns.tenantId, tenantId))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  const counts = (lastRun?.counts ?? null) as {
    created?: number;
    updated?: number;
    cancelled?: number;
  } | null;
  const enabled = settings.enabledByConfig && (tenant?.autoSyncEnabled ?? true);
  return {
    enabled,
    running: enabled && settings.workerRunning,
    interval_seconds: settings.intervalSeconds,
    last_sync_time: (lastRun?.finishedAt ?? lastRun?.startedAt)?.toISOString() ?? null,
    last_sync_result: lastRun
      ? {
          created: counts?.created ?? 0,
          updated: counts?.updated ?? 0,
          cancelled: counts?.cancelled ?? 0,
          error: lastRun.error,
        }
      : null,
  };
}

/**
 * GET /api/calendar/status (spec 002): whether the practice's calendar sync is available, the
 * calendar and zone, every connection's state, and the auto-sync state.
 */
export async function getCalendarStatus(
  ctx: CalendarContext,
  caller: UserCaller,
  settings: AutoSyncSettings,
) {
  const connections = (await listConnectionRows(ctx.db, caller)).map(toConnectionDto);
  const [tenant] = await ctx.db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, caller.tenantId));
  const primary = connections.find((c) => c.isActive) ?? connections[0];
  const status = !primary
    ? 'not_connected'
    : primary.isActive
      ? 'available'
      : primary.needsReconnect
        ? 'expired'
        : 'error';
  return {
    status,
    calendar_id: primary ? (primary.email ?? primary.calendarId) : null,
    timezone: tenant?.timezone ?? 'UTC',
    connections,
    auto_sync: await getAutoSyncState(ctx, caller.tenantId, settings),
  };
}

export async function setAutoSync(ctx: CalendarContext, tenantId: string, enabled: boolean) {
  await ctx.db.update(organizations).set({ autoSyncEnabled: enabled }).where(eq(organizations.id, tenantId));
}
