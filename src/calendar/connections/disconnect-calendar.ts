import { and, eq } from 'drizzle-orm';
import { calendarConnections } from '../../db/schema/index.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { connectedProvider } from './connected-provider.ts';
import type { ConnectionRow } from './connection-dto.ts';
import { getConnectionRow } from './list-connections.ts';

/**
 * Stops a connection's push channel, best effort: a dead token cannot stop it, and the channel
 * then simply expires (its notifications find no connection and change nothing).
 */
export async function stopWatching(ctx: CalendarContext, connection: ConnectionRow): Promise<void> {
  if (!connection.watchChannelId || !connection.watchResourceId || connection.status !== 'active') return;
  await connectedProvider(ctx, connection)
    .unwatch({ channelId: connection.watchChannelId, resourceId: connection.watchResourceId })
    .catch(() => undefined);
}

/**
 * Removes a connection: stops its push channel and deletes the row with its links and busy
 * time. No appointment is deleted: they belong to the practice, not to the calendar.
 */
export async function disconnectCalendar(
  ctx: CalendarContext,
  caller: UserCaller,
  connectionId: string,
): Promise<void> {
  const connection = await getConnectionRow(ctx.db, caller, connectionId);
  await stopWatching(ctx, connection);
  await ctx.db.delete(calendarConnections).where(eq(calendarConnections.id, connection.id));
}

/**
 * Stops the push channels of a member's calendars, before the member leaves the practice and
 * their connections are deleted with their account.
 */
export async function stopWatchingCalendarsOf(
  ctx: CalendarContext,
  tenantId: string,
  userId: string,
): Promise<void> {
  const rows = await ctx.db
    .select()
    .from(calendarConnections)
    .where(and(eq(calendarConnections.tenantId, tenantId), eq(calendarConnections.userId, userId)));
  await Promise.all(rows.map((connection) => stopWatching(ctx, connection)));
}
