import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarConnections } from '../../db/schema/index.ts';

/**
 * A connection whose refresh token was refused is `expired`: its work stops and the UI offers
 * to reconnect. Nothing else changes — no appointment, link or cursor is deleted.
 */
export async function markConnectionExpired(
  db: Executor,
  connectionId: string,
  reason: string,
): Promise<void> {
  await db
    .update(calendarConnections)
    .set({ status: 'expired', statusReason: reason, updatedAt: new Date() })
    .where(eq(calendarConnections.id, connectionId));
}

export async function markConnectionError(db: Executor, connectionId: string, reason: string): Promise<void> {
  await db
    .update(calendarConnections)
    .set({ status: 'error', statusReason: reason, updatedAt: new Date() })
    .where(eq(calendarConnections.id, connectionId));
}
