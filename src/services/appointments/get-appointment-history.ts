import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointmentEvents, assistants, calendarConnections, users } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import { canSeeNotes, isStaff, type Member } from '../../domain/permissions.ts';
import type { AppointmentEvent } from '../../shared/appointments.ts';
import { findVisibleAppointment, isUuid } from './find-visible-appointment.ts';

/**
 * The audit trail of one appointment, oldest first. Staff also read the history of a deleted
 * appointment; a client reads their own appointment's, without the internal notes.
 */
export async function getAppointmentHistory(
  db: Executor,
  who: Member,
  id: string,
): Promise<AppointmentEvent[]> {
  if (!isUuid(id)) throw notFound('Appointment');
  if (!isStaff(who.role)) await findVisibleAppointment(db, who, id);
  // Who acted, by name: the member, the practice's assistant, or (for staff) the calendar's
  // account. Assistants and calendars are looked up within the tenant only.
  const rows = await db
    .select({
      event: appointmentEvents,
      userName: users.name,
      assistantName: assistants.name,
      calendarName: sql<
        string | null
      >`coalesce(${calendarConnections.email}, ${calendarConnections.calendarId})`,
    })
    .from(appointmentEvents)
    .leftJoin(users, and(eq(appointmentEvents.actorType, 'user'), eq(users.id, appointmentEvents.actorId)))
    .leftJoin(
      assistants,
      and(
        eq(appointmentEvents.actorType, 'assistant'),
        eq(sql`${assistants.id}::text`, appointmentEvents.actorId),
        eq(assistants.tenantId, appointmentEvents.tenantId),
      ),
    )
    .leftJoin(
      calendarConnections,
      and(
        eq(appointmentEvents.actorType, 'calendar'),
        eq(sql`${calendarConnections.id}::text`, appointmentEvents.actorId),
        eq(calendarConnections.tenantId, appointmentEvents.tenantId),
      ),
    )
    .where(and(eq(appointmentEvents.tenantId, who.tenantId), eq(appointmentEvents.appointmentId, id)))
    .orderBy(asc(appointmentEvents.createdAt), asc(appointmentEvents.id));
  // No event: a deleted appointment's trail would still be here, so it is unknown, unless the
  // row exists with no trail (written before auditing, or by hand): that history is empty.
  if (rows.length === 0) {
    if (isStaff(who.role)) await findVisibleAppointment(db, who, id);
    return [];
  }
  // A client reads neither the practice's internal notes nor the assistant's Idempotency-Key,
  // which only served to recognise a retried booking.
  const strip = (snapshot: unknown) => {
    if (!snapshot) return null;
    const { notes: _notes, idempotencyKey: _key, ...rest } = snapshot as Record<string, unknown>;
    return canSeeNotes(who.role) ? (snapshot as Record<string, unknown>) : rest;
  };
  return rows.map(({ event: e, userName, assistantName, calendarName }) => ({
    id: e.id,
    appointmentId: e.appointmentId,
    actorType: e.actorType,
    actorId: e.actorId,
    // A practitioner's calendar account is theirs to know, not their clients'.
    actorName: userName ?? assistantName ?? (isStaff(who.role) ? calendarName : null),
    action: e.action,
    before: strip(e.before),
    after: strip(e.after),
    createdAt: e.createdAt.toISOString(),
  }));
}
