import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Payment } from '../../../../shared/billing.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentKeys } from '../../../lib/query-keys.ts';

/** Paid-type appointments and where each payment stands, latest first (GET /api/payments). */
export function paymentsOptions() {
  return queryOptions({
    queryKey: appointmentKeys.payments,
    queryFn: ({ signal }) => api.get<Payment[]>(paths.api.payments, signal),
  });
}

export function usePayments() {
  return useQuery(paymentsOptions());
}
