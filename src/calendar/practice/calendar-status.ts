import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { organizations, syncRuns } from '../../db/schema/index.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import type { AutoSyncState, CalendarStatus } from '../../shared/calendar.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { getCalendarConnections } from '../connections/list-connections.ts';
import { getServiceAccountOffer } from '../connections/service-account-practice.ts';

export interface AutoSyncSettings {
  /** AUTO_SYNC_ENABLED. */
  enabledByConfig: boolean;
  /** The auto-sync period the schedule keeps, in seconds (AUTO_SYNC_INTERVAL rounded: jobs/sync-all-job.ts). */
  intervalSeconds: number;
  /** Whether the job workers registered the auto-sync schedule (it lives in the database). */
  isScheduled: () => Promise<boolean>;
}

/**
 * Spec 002 `auto_sync`, for one practice: on when the server has it on and the practice did not
 * stop it; running when, moreover, a worker keeps the schedule; the last finished pull of any
 * of the practice's calendars and what it changed.
 */
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
    .where(and(eq(syncRuns.tenantId, tenantId), isNotNull(syncRuns.finishedAt)))
    .orderBy(desc(syncRuns.finishedAt))
    .limit(1);
  const counts = (lastRun?.counts ?? null) as {
    created?: number;
    updated?: number;
    cancelled?: number;
  } | null;
  const enabledForPractice = tenant?.autoSyncEnabled ?? true;
  const enabled = settings.enabledByConfig && enabledForPractice;
  return {
    enabled,
    enabled_by_server: settings.enabledByConfig,
    enabled_for_practice: enabledForPractice,
    running: enabled && (await settings.isScheduled()),
    interval_seconds: settings.intervalSeconds,
    last_sync_time: lastRun?.finishedAt?.toISOString() ?? null,
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
 * GET /api/calendar/status (spec 002): whether calendar sync is available to the caller, which
 * calendar and zone, every connection visible to the caller with its state, auto-sync, and the
 * server's service-account calendar when it is this practice's.
 */
export async function getCalendarStatus(
  ctx: CalendarContext,
  caller: UserCaller,
  settings: AutoSyncSettings,
): Promise<CalendarStatus> {
  const connections = await getCalendarConnections(ctx.db, caller);
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
    calendar_id: primary
      ? primary.calendarId === 'primary'
        ? (primary.email ?? 'primary')
        : primary.calendarId
      : null,
    timezone: tenant?.timezone ?? 'UTC',
    connections,
    auto_sync: await getAutoSyncState(ctx, caller.tenantId, settings),
    service_account: await getServiceAccountOffer(ctx, caller),
  };
}

/** auto-sync/start and auto-sync/stop: the practice's own switch (the server's AUTO_SYNC_ENABLED still rules). */
export async function setAutoSync(ctx: CalendarContext, tenantId: string, enabled: boolean) {
  await ctx.db.update(organizations).set({ autoSyncEnabled: enabled }).where(eq(organizations.id, tenantId));
}
