import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Assistant } from '../../../../shared/assistants.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { assistantsQueryKey } from './get-assistants.ts';

export function revokeAssistant(id: string): Promise<Assistant> {
  return api.delete<Assistant>(paths.api.adminAssistant(id));
}

/** Revokes an assistant's key at once; the assistant stays listed as revoked. */
export function useRevokeAssistant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeAssistant,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assistantsQueryKey }),
  });
}
