import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointments, calendarConnections, calendarEventLinks } from '../../db/schema/index.ts';

/** The calendar events of an appointment as the API names them (DESIGN §4, specs 000 and 001). */
export interface CalendarEventIds {
  googleEventId: string | null;
  microsoftEventId: string | null;
}

/** An appointment no calendar holds yet (a new one: the outbox pushes it after its transaction). */
export const noCalendarEvents: CalendarEventIds = { googleEventId: null, microsoftEventId: null };

/**
 * The event ids of these appointments, in ONE query whatever their number (none for none), from
 * `calendar_event_links`. Per appointment and provider, one link: that on a connection of the
 * appointment's practitioner (`assigned_admin_id`) first, then the earliest (created_at, id).
 * Links on other connections (a client's calendar, a former practitioner's) count only when the
 * practitioner's own calendars hold none.
 */
export async function calendarEventIdsFor(
  db: Executor,
  tenantId: string,
  appointmentIds: string[],
): Promise<Map<string, CalendarEventIds>> {
  const found = new Map<string, CalendarEventIds>();
  if (appointmentIds.length === 0) return found;
  const rows = await db
    .selectDistinctOn([calendarEventLinks.appointmentId, calendarConnections.provider], {
      appointmentId: calendarEventLinks.appointmentId,
      provider: calendarConnections.provider,
      eventId: calendarEventLinks.externalEventId,
    })
    .from(calendarEventLinks)
    .innerJoin(calendarConnections, eq(calendarConnections.id, calendarEventLinks.connectionId))
    .innerJoin(appointments, eq(appointments.id, calendarEventLinks.appointmentId))
    .where(
      and(
        eq(calendarEventLinks.tenantId, tenantId),
        inArray(calendarEventLinks.appointmentId, appointmentIds),
      ),
    )
    .orderBy(
      calendarEventLinks.appointmentId,
      calendarConnections.provider,
      sql`(${calendarConnections.userId} = ${appointments.assignedAdminId}) is true desc`,
      asc(calendarEventLinks.createdAt),
      asc(calendarEventLinks.id),
    );
  for (const row of rows) {
    const ids = found.get(row.appointmentId) ?? { ...noCalendarEvents };
    if (row.provider === 'google') ids.googleEventId = row.eventId;
    else ids.microsoftEventId = row.eventId;
    found.set(row.appointmentId, ids);
  }
  return found;
}

/** The event ids of one appointment (see `calendarEventIdsFor`). */
export async function calendarEventIdsOf(
  db: Executor,
  tenantId: string,
  appointmentId: string,
): Promise<CalendarEventIds> {
  return (await calendarEventIdsFor(db, tenantId, [appointmentId])).get(appointmentId) ?? noCalendarEvents;
}
