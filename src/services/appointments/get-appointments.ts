import { asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';
import { isStaff, type Member } from '../../domain/permissions.ts';
import type { Appointment, ListAppointmentsQuery } from '../../shared/appointments.ts';
import { toAppointmentDto } from './appointment-dto.ts';
import { calendarEventIdsFor, noCalendarEvents } from './calendar-event-ids.ts';
import { listConditions, paginate } from './list-filters.ts';

export const defaultListLimit = 50;

/**
 * Spec `getAppointments`: a client's own appointments, or all of the tenant's for staff, by start
 * time (earliest first, or latest first with `order: desc`).
 */
export async function getAppointments(
  db: Executor,
  who: Member,
  query: ListAppointmentsQuery,
): Promise<{ items: Appointment[]; nextCursor: string | null }> {
  const limit = query.limit ?? defaultListLimit;
  const rows = await db
    .select()
    .from(appointments)
    .where(
      listConditions(
        who.tenantId,
        query,
        isStaff(who.role) ? undefined : eq(appointments.userId, who.userId),
      ),
    )
    .orderBy(
      ...(query.order === 'desc'
        ? [desc(appointments.startTime), desc(appointments.id)]
        : [asc(appointments.startTime), asc(appointments.id)]),
    )
    .limit(limit + 1);
  const { page, nextCursor } = paginate(rows, limit);
  // The page's calendar event ids: one more query for the whole page, keyed by its ids.
  const events = await calendarEventIdsFor(db, who.tenantId, page);
  return {
    items: page.map((row) => toAppointmentDto(row, who.role, events.get(row.id) ?? noCalendarEvents)),
    nextCursor,
  };
}
