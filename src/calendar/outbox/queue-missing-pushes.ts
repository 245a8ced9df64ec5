import { and, eq, gte, inArray, notExists, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointments, calendarEventLinks, calendarOutbox } from '../../db/schema/index.ts';

/**
 * Queues, for one connected calendar, every upcoming pending or confirmed appointment of its
 * owner (as client or practitioner) that the calendar does not carry yet and that no push is
 * already on its way for. Run when a calendar is connected, so the bookings made before are in
 * it too, and by spec 002's sync-to-calendar. Idempotent: a second run finds nothing missing.
 */
export async function queueMissingPushes(
  db: Executor,
  connection: { id: string; tenantId: string; userId: string },
  now = new Date(),
): Promise<number> {
  const missing = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.tenantId, connection.tenantId),
        inArray(appointments.status, ['pending', 'confirmed']),
        gte(appointments.endTime, now),
        or(eq(appointments.assignedAdminId, connection.userId), eq(appointments.userId, connection.userId)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(calendarEventLinks)
            .where(
              and(
                eq(calendarEventLinks.appointmentId, appointments.id),
                eq(calendarEventLinks.connectionId, connection.id),
              ),
            ),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(calendarOutbox)
            .where(
              and(
                eq(calendarOutbox.appointmentId, appointments.id),
                eq(calendarOutbox.connectionId, connection.id),
                inArray(calendarOutbox.status, ['pending', 'parked']),
              ),
            ),
        ),
      ),
    );
  if (missing.length === 0) return 0;
  await db.insert(calendarOutbox).values(
    missing.map((m) => ({
      tenantId: connection.tenantId,
      connectionId: connection.id,
      appointmentId: m.id,
      operation: 'upsert' as const,
    })),
  );
  return missing.length;
}
