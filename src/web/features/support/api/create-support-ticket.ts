import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateSupportTicketInput, SupportTicket } from '../../../../shared/support.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { supportTicketsQueryKey } from './get-support-tickets.ts';

export function createSupportTicket(input: CreateSupportTicketInput): Promise<SupportTicket> {
  return api.post<SupportTicket>(paths.api.supportTickets, input);
}

export function useCreateSupportTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSupportTicket,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: supportTicketsQueryKey }),
  });
}
