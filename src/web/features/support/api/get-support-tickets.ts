import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SupportTicket } from '../../../../shared/support.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export const supportTicketsQueryKey = ['support-tickets'] as const;

/** The practice's tickets for staff, the reader's own for a client; newest first. */
export function supportTicketsOptions() {
  return queryOptions({
    queryKey: supportTicketsQueryKey,
    queryFn: ({ signal }) => api.get<SupportTicket[]>(paths.api.supportTickets, signal),
  });
}

export function useSupportTickets() {
  return useQuery(supportTicketsOptions());
}
