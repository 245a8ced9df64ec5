import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarConnections, calendarEventLinks } from '../../db/schema/index.ts';

/** The calendar events of an appointment as the API names them (DESIGN §4, specs 000 and 001). */
export interface CalendarEventIds {
  googleEventId: string | null;
  microsoftEventId: string | null;
}

/** An appointment no calendar holds yet (a new one: the outbox pushes it after its transaction). */
export const noCalendarEvents: CalendarEventIds = { googleEventId: null, microsoftEventId: null };

/** What the choice needs of an appointment: its id and its practitioner. */
interface Linked {
  id: string;
  assignedAdminId: string | null;
}

/**
 * The event ids of these appointments, in ONE query whatever their number (none for none), from
 * `calendar_event_links`. Per appointment and provider, one link: that on a connection of the
 * appointment's practitioner (`assigned_admin_id`) first, then the earliest (created_at, id).
 * Links on other connections (a client's calendar, a former practitioner's) count only when the
 * practitioner's own calendars hold none.
 * The ids travel as one JSON parameter, so the statement's text is the same for every page (one
 * prepared statement, planned once) rather than one placeholder per appointment.
 */
export async function calendarEventIdsFor(
  db: Executor,
  tenantId: string,
  page: readonly Linked[],
): Promise<Map<string, CalendarEventIds>> {
  const found = new Map<string, CalendarEventIds>();
  if (page.length === 0) return found;
  const ids = JSON.stringify(page.map((appointment) => appointment.id));
  const links = await db
    .select({
      appointmentId: calendarEventLinks.appointmentId,
      provider: calendarConnections.provider,
      ownerId: calendarConnections.userId,
      eventId: calendarEventLinks.externalEventId,
    })
    .from(calendarEventLinks)
    .innerJoin(calendarConnections, eq(calendarConnections.id, calendarEventLinks.connectionId))
    .where(
      and(
        eq(calendarEventLinks.tenantId, tenantId),
        sql`${calendarEventLinks.appointmentId} = any (select (jsonb_array_elements_text(${ids}::jsonb))::uuid)`,
      ),
    )
    .orderBy(calendarEventLinks.createdAt, calendarEventLinks.id);
  if (links.length === 0) return found;
  const practitioner = new Map(page.map((appointment) => [appointment.id, appointment.assignedAdminId]));
  // Earliest first: a link replaces the one kept only when it is the practitioner's and that is not.
  const isPractitioners = new Set<string>();
  for (const link of links) {
    const key = `${link.appointmentId}:${link.provider}`;
    const ids = found.get(link.appointmentId) ?? { ...noCalendarEvents };
    const field = link.provider === 'google' ? 'googleEventId' : 'microsoftEventId';
    const isTheirs = link.ownerId === practitioner.get(link.appointmentId);
    if (ids[field] === null || (isTheirs && !isPractitioners.has(key))) {
      ids[field] = link.eventId;
      if (isTheirs) isPractitioners.add(key);
    }
    found.set(link.appointmentId, ids);
  }
  return found;
}

/** The event ids of one appointment (see `calendarEventIdsFor`). */
export async function calendarEventIdsOf(
  db: Executor,
  tenantId: string,
  appointment: Linked,
): Promise<CalendarEventIds> {
  return (await calendarEventIdsFor(db, tenantId, [appointment])).get(appointment.id) ?? noCalendarEvents;
}
