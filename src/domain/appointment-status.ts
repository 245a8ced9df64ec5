import type { AppointmentStatus } from '../shared/appointments.ts';
import type { Role } from '../shared/auth.ts';
import { AppError } from './errors.ts';
import { isStaff } from './permissions.ts';

/**
 * The status machine: pending → confirmed → completed | no_show, and pending | confirmed →
 * cancelled. Cancelled, completed and no_show are final: a new appointment is made instead.
 */
export const statusTransitions: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['completed', 'no_show', 'cancelled'],
  cancelled: [],
  completed: [],
  no_show: [],
};

/** Statuses that hold the practitioner's time (the database refuses overlaps among them). */
export const activeStatuses: readonly AppointmentStatus[] = ['pending', 'confirmed'];

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return statusTransitions[from].includes(to);
}

/**
 * A client cancels only what has not begun: once it has, whether it took place, was missed or is
 * to be billed is the practice's to record (completed, no-show), which a cancellation would undo.
 */
export function assertClientMayCancel(startTime: Date, now = Date.now()): void {
  if (startTime.getTime() <= now) {
    throw new AppError(
      'INVALID_STATE',
      'This appointment has already started, so it can no longer be cancelled: ask the practice',
      { startTime: startTime.toISOString() },
    );
  }
}

export const confirmOwnPendingMessage = 'You can only confirm your own pending appointments';

/**
 * Checks a status change by one role. Clients confirm only from pending and cancel their own;
 * only staff (owner, admin) mark an appointment completed or no-show. A repeated status is a
 * no-op for staff; for a client confirming twice it is the spec's 403.
 * The caller has already checked that a client owns the appointment (else 404).
 */
export function assertStatusChange(role: Role, from: AppointmentStatus, to: AppointmentStatus): void {
  if (!isStaff(role)) {
    if (to === 'confirmed' && from !== 'pending') throw new AppError('FORBIDDEN', confirmOwnPendingMessage);
    if (to !== 'confirmed' && to !== 'cancelled') {
      throw new AppError('FORBIDDEN', `Only the practice can mark an appointment ${to}`);
    }
  }
  if (from === to && isStaff(role)) return;
  if (!canTransition(from, to)) {
    throw new AppError('INVALID_STATE', `An appointment that is ${from} cannot become ${to}`, {
      from,
      to,
      allowed: statusTransitions[from],
    });
  }
}
