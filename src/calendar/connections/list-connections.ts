import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarConnections } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import { failedPushesByConnection } from '../outbox/failed-pushes.ts';
import { type ConnectionRow, toConnectionDto } from './connection-dto.ts';

const isAdmin = (caller: UserCaller) => caller.role === 'owner' || caller.role === 'admin';

/** Admins see every connection of their practice; others see their own. */
function visibleTo(caller: UserCaller) {
  return isAdmin(caller)
    ? eq(calendarConnections.tenantId, caller.tenantId)
    : and(eq(calendarConnections.tenantId, caller.tenantId), eq(calendarConnections.userId, caller.userId));
}

export async function listConnectionRows(db: Executor, caller: UserCaller): Promise<ConnectionRow[]> {
  return db
    .select()
    .from(calendarConnections)
    .where(visibleTo(caller))
    .orderBy(asc(calendarConnections.createdAt));
}

/**
 * The spec's getCalendarConnections: connections with their state and the pushes they refused,
 * never their tokens.
 */
export async function getCalendarConnections(db: Executor, caller: UserCaller) {
  const rows = await listConnectionRows(db, caller);
  const failed = await failedPushesByConnection(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toConnectionDto(row, failed.get(row.id)));
}

export async function getConnectionRow(db: Executor, caller: UserCaller, id: string): Promise<ConnectionRow> {
  const [row] = await db
    .select()
    .from(calendarConnections)
    .where(and(visibleTo(caller), eq(calendarConnections.id, id)));
  if (!row) throw notFound('Calendar connection');
  return row;
}
