import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointmentEvents } from '../../db/schema/index.ts';
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
  const rows = await db
    .select()
    .from(appointmentEvents)
    .where(and(eq(appointmentEvents.tenantId, who.tenantId), eq(appointmentEvents.appointmentId, id)))
    .orderBy(asc(appointmentEvents.createdAt), asc(appointmentEvents.id));
  // No event: a deleted appointment's trail would still be here, so it is unknown, unless the
  // row exists with no trail (written before auditing, or by hand): that history is empty.
  if (rows.length === 0) {
    if (isStaff(who.role)) await findVisibleAppointment(db, who, id);
    return [];
  }
  const strip = (snapshot: unknown) => {
    if (!snapshot) return null;
    const { notes: _notes, ...rest } = snapshot as Record<string, unknown>;
    return canSeeNotes(who.role) ? (snapshot as Record<string, unknown>) : rest;
  };
  return rows.map((e) => ({
    id: e.id,
    appointmentId: e.appointmentId,
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    before: strip(e.before),
    after: strip(e.after),
    createdAt: e.createdAt.toISOString(),
  }));
}
