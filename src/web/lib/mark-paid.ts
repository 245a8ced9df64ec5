import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Appointment } from '../../shared/appointments.ts';
import { invalidateAppointments } from './query-keys.ts';
import { updateAppointment } from './update-appointment.ts';

/**
 * A payment taken at the desk (cash, card), recorded by staff: shared by the appointment's page
 * and the administration's list, which are two features. The rules are the API's
 * (src/domain/appointment-payment.ts); staff only, which the caller checks.
 */
type PaymentFacts = Pick<Appointment, 'type' | 'price' | 'status' | 'isPaid' | 'isPaidOnline'>;

/** Something to pay and not paid yet (a paid, priced appointment, not cancelled): paid online or at the desk. */
export function isAwaitingPayment(a: PaymentFacts): boolean {
  return a.type === 'paid' && a.price > 0 && !a.isPaid && a.status !== 'cancelled';
}

/**
 * Paid by the practice's own mark, which staff may take back (also once Lago was told of it); a
 * payment made online is refunded through the payment provider instead.
 */
export function isMarkedPaid(a: PaymentFacts): boolean {
  return a.isPaid && !a.isPaidOnline;
}

/** PUT /api/appointments/:id `{ isPaid }`; every view of appointments refreshes, figures included. */
export function useMarkPaid() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, isPaid }: { id: string; isPaid: boolean }) => updateAppointment(id, { isPaid }),
    // Also after a failure: a refusal often means the appointment moved on meanwhile.
    onSettled: () => invalidateAppointments(queryClient),
  });
}
