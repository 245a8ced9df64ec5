import type { Executor } from '../../db/client.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { isStaff, type Member } from '../../domain/permissions.ts';
import { isUuid } from './find-visible-appointment.ts';
import { removeAppointment } from './record-change.ts';

/**
 * Spec `deleteAppointment`. Staff delete any appointment of their tenant; a client may withdraw
 * their own request while it is pending (a confirmed one is cancelled instead, so the practice
 * keeps it). The audit trail keeps the deleted row.
 */
export async function deleteAppointment(db: Executor, who: Member, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound('Appointment');
  await removeAppointment(db, who.tenantId, id, { type: 'user', id: who.userId }, (before) => {
    if (isStaff(who.role)) return;
    if (before.userId !== who.userId) throw notFound('Appointment');
    if (before.status !== 'pending') {
      throw forbidden('Only a pending request can be deleted; cancel this appointment instead');
    }
  });
}
