import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PayResult } from '../../../../shared/billing.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';

/** Creates (or returns) the Lago invoice of a paid appointment. */
export function payAppointment(id: string): Promise<PayResult> {
  return api.post<PayResult>(paths.api.appointmentPay(id));
}

export function usePayAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: payAppointment,
    // Paid or not, the appointment's payment state may have moved: read it again.
    onSettled: () => void invalidateAppointments(queryClient),
  });
}
