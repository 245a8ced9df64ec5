import type { Appointment } from '../../shared/appointments.ts';

/**
 * Spec 001 flows 1 and 2: a pending appointment waits for an answer from the side that did not
 * ask for it. The practice confirms what clients, the voice assistant or a calendar asked for;
 * a client confirms what the practice proposed (source `admin`) and whatever was booked for them.
 */
export function awaitsReader(appointment: Pick<Appointment, 'source'>, readerIsStaff: boolean): boolean {
  return appointment.source !== (readerIsStaff ? 'admin' : 'client');
}
