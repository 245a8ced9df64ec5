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

/** While an invoice waits for its payment, looked at again this often: Lago reports it by webhook. */
export const awaitingPaymentRefetchMs = 15_000;

/**
 * The payments, read again every few seconds while an invoice awaits its payment and the page is
 * in view: a client back from the payment page sees "Paid" once Lago's webhook has arrived,
 * without reloading.
 */
export function usePayments() {
  return useQuery({
    ...paymentsOptions(),
    refetchInterval: (query) =>
      query.state.data?.some((p) => p.invoiceId && !p.isPaid && p.status !== 'cancelled')
        ? awaitingPaymentRefetchMs
        : false,
  });
}
