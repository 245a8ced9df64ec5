import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Assistant, UpdateAssistantInput } from '../../../../shared/assistants.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { assistantsQueryKey } from './get-assistants.ts';

export function updateAssistant({
  id,
  ...changes
}: UpdateAssistantInput & { id: string }): Promise<Assistant> {
  return api.patch<Assistant>(paths.api.adminAssistant(id), changes);
}

/** Renames an assistant or gives its line to another practitioner; its key keeps working. */
export function useUpdateAssistant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAssistant,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assistantsQueryKey }),
  });
}
