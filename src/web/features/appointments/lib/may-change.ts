import type { Appointment } from '../../../../shared/appointments.ts';

const isAhead = (a: Appointment, now: number) => Date.parse(a.startTime) > now;

/**
 * Who may change an appointment's details or time, as the server allows: staff while it is
 * still pending or confirmed; a client their own request, while the practice has not answered
 * it and its time is still ahead.
 */
export function mayChangeAppointment(a: Appointment, isStaff: boolean, now = Date.now()): boolean {
  if (isStaff) return a.status === 'pending' || a.status === 'confirmed';
  return a.status === 'pending' && a.source === 'client' && isAhead(a, now);
}

/** Staff cancel anything pending or confirmed; a client only before it has begun. */
export function mayCancelAppointment(a: Appointment, isStaff: boolean, now = Date.now()): boolean {
  const isOpen = a.status === 'pending' || a.status === 'confirmed';
  return isOpen && (isStaff || isAhead(a, now));
}
