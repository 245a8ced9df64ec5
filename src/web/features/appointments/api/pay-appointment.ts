import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PayResult } from '../../../../shared/billing.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';

interface PayRequest {
  id: string;
  /** Staff, after the payment provider refused the client: have Lago ask it again now. */
  askProviderAgain?: boolean;
}

/** Creates (or returns) the Lago invoice of a paid appointment. */
export function payAppointment({ id, askProviderAgain }: PayRequest): Promise<PayResult> {
  return api.post<PayResult>(paths.api.appointmentPay(id), askProviderAgain ? { askProviderAgain } : {});
}

export function usePayAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: payAppointment,
    // Paid or not, the appointment's payment state may have moved: read it again.
    onSettled: () => void invalidateAppointments(queryClient),
  });
}
