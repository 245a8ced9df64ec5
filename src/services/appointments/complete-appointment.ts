import type { Executor } from '../../db/client.ts';
import type { Member } from '../../domain/permissions.ts';
import type { Appointment } from '../../shared/appointments.ts';
import { updateAppointment } from './update-appointment.ts';

/** Spec `completeAppointment`: confirmed → completed, staff only. */
export function completeAppointment(db: Executor, who: Member, id: string): Promise<Appointment> {
  return updateAppointment(db, who, id, { status: 'completed' });
}
