import type { Executor } from '../../db/client.ts';
import type { Member } from '../../domain/permissions.ts';
import type { Appointment } from '../../shared/appointments.ts';
import { toAppointmentDto } from './appointment-dto.ts';
import { calendarEventIdsOf } from './calendar-event-ids.ts';
import { findVisibleAppointment } from './find-visible-appointment.ts';

/** Spec `getAppointmentById`. */
export async function getAppointmentById(db: Executor, who: Member, id: string): Promise<Appointment> {
  const row = await findVisibleAppointment(db, who, id);
  return toAppointmentDto(row, who.role, await calendarEventIdsOf(db, who.tenantId, row));
}
