import type { UserCaller } from '../../server/plugins/caller.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { listConnectionRows } from '../connections/list-connections.ts';
import { syncConnection } from './sync-connection.ts';

export interface CallerSyncResult {
  /** Appointments created, updated or cancelled: the number the spec's toast shows. */
  synced: number;
  created: number;
  updated: number;
  cancelled: number;
  connections: {
    id: string;
    provider: string;
    email: string | null;
    /** Whose connection it is: only they can reconnect it (a service account, through its key). */
    userId: string;
    authType: 'oauth' | 'service_account';
    status: string;
    needsReconnect: boolean;
    error: string | null;
  }[];
}

/**
 * The Sync button (spec 000 POST /api/appointments/sync): pulls the caller's calendars — the
 * whole practice's for an admin. Expired connections are not tried but reported, so the page
 * can say why and offer Reconnect instead of showing "0 synced".
 */
export async function syncCallerCalendars(
  ctx: CalendarContext,
  caller: UserCaller,
): Promise<CallerSyncResult> {
  const result: CallerSyncResult = { synced: 0, created: 0, updated: 0, cancelled: 0, connections: [] };
  for (const connection of await listConnectionRows(ctx.db, caller)) {
    const base = {
      id: connection.id,
      provider: connection.provider,
      email: connection.email,
      userId: connection.userId,
      authType: connection.authType,
    };
    if (connection.status !== 'active') {
      result.connections.push({
        ...base,
        status: connection.status,
        needsReconnect: true,
        error: connection.statusReason,
      });
      continue;
    }
    const outcome = await syncConnection(ctx, connection, 'manual');
    const { created, updated, cancelled } = outcome.counts;
    result.created += created;
    result.updated += updated;
    result.cancelled += cancelled;
    // `inactive`: the connection expired or went away between the listing and the pull.
    const expired = outcome.error?.code === 'expired' || outcome.skipped === 'inactive';
    result.connections.push({
      ...base,
      status: expired ? 'expired' : outcome.error ? 'error' : 'active',
      needsReconnect: expired,
      error: outcome.error?.message ?? (expired ? 'The calendar connection has expired: reconnect it' : null),
    });
  }
  result.synced = result.created + result.updated + result.cancelled;
  return result;
}
