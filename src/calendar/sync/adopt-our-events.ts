import { and, eq, inArray } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk-insert.ts';
import type { Database } from '../../db/client.ts';
import { appointments, calendarEventLinks, calendarOutbox } from '../../db/schema/index.ts';
import { isUuid } from '../../services/appointments/find-visible-appointment.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import type { ExternalEvent } from '../provider.ts';
import { metadataKeys } from './assistant-booking.ts';
import { linkValues } from './event-link.ts';

/**
 * Events we pushed that this connection has no link for: the calendar was connected again after
 * a disconnect (or another account was connected, then this one back), and the events we wrote
 * then are still there. Each is linked again to its appointment — never copied into a new
 * appointment, never pushed a second time — and a push is queued to bring it up to date (or to
 * remove it, if its appointment is no longer for this calendar). An appointment that already has
 * an event here makes this one a stray copy, left as it is. Answers the events that are not
 * appointments of this practice.
 */
export async function adoptOurEvents(
  db: Database,
  connection: ConnectionRow,
  links: Map<string, { appointmentId: string; etag: string | null }>,
  events: ExternalEvent[],
): Promise<ExternalEvent[]> {
  const timed = events.filter((e) => !!e.start && !!e.end && e.end > e.start);
  const claimed = [
    ...new Set(timed.map((e) => e.metadata[metadataKeys.appointmentId]!).filter((id) => isUuid(id))),
  ];
  if (claimed.length === 0) return timed;
  const rows = await db
    .select({ id: appointments.id, linked: calendarEventLinks.externalEventId })
    .from(appointments)
    .leftJoin(
      calendarEventLinks,
      and(
        eq(calendarEventLinks.appointmentId, appointments.id),
        eq(calendarEventLinks.connectionId, connection.id),
      ),
    )
    .where(and(eq(appointments.tenantId, connection.tenantId), inArray(appointments.id, claimed)));
  const ours = new Map(rows.map((r) => [r.id, r.linked]));
  const adopted = new Map<string, ExternalEvent>();
  for (const event of timed) {
    const appointmentId = event.metadata[metadataKeys.appointmentId]!;
    if (ours.get(appointmentId) === null && !adopted.has(appointmentId)) adopted.set(appointmentId, event);
  }
  if (adopted.size > 0) {
    await db.transaction(async (tx) => {
      await bulkInsert(
        tx,
        calendarEventLinks,
        [...adopted].map(([appointmentId, event]) => linkValues(connection, appointmentId, event)),
        // A push saving its own link meanwhile has the same effect.
        { onConflictDoNothing: true },
      );
      await bulkInsert(
        tx,
        calendarOutbox,
        [...adopted.keys()].map((appointmentId) => ({
          tenantId: connection.tenantId,
          connectionId: connection.id,
          appointmentId,
          operation: 'upsert' as const,
        })),
      );
    });
    for (const [appointmentId, event] of adopted) links.set(event.id, { appointmentId, etag: event.version });
  }
  return timed.filter((e) => !ours.has(e.metadata[metadataKeys.appointmentId]!));
}
