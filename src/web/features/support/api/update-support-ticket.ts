import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SupportTicket, SupportTicketStatus } from '../../../../shared/support.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { supportTicketsQueryKey } from './get-support-tickets.ts';

export function updateSupportTicket(input: {
  id: string;
  status: SupportTicketStatus;
}): Promise<SupportTicket> {
  return api.patch<SupportTicket>(paths.api.supportTicket(input.id), { status: input.status });
}

/** Staff close a ticket once answered, or reopen it. */
export function useUpdateSupportTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSupportTicket,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: supportTicketsQueryKey }),
  });
}
