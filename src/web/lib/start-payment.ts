/**
 * Router state of a link that opens an appointment's page and starts its payment there: the Pay
 * of the payments list, so that paying is one press from the list as from the appointment.
 */
export const startPaymentState = { startPayment: true } as const;

export function asksToStartPayment(state: unknown): boolean {
  return (
    typeof state === 'object' && state !== null && 'startPayment' in state && state.startPayment === true
  );
}
