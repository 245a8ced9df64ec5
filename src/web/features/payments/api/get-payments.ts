import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Payment } from '../../../../shared/billing.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

/** Under the `appointments` key: paying an appointment refreshes this list too. */
export const paymentsQueryKey = ['appointments', 'payments'] as const;

/** Paid-type appointments and where each payment stands, latest first (GET /api/payments). */
export function paymentsOptions() {
  return queryOptions({
    queryKey: paymentsQueryKey,
    queryFn: ({ signal }) => api.get<Payment[]>(paths.api.payments, signal),
  });
}

export function usePayments() {
  return useQuery(paymentsOptions());
}
