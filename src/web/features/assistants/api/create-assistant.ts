import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CreateAssistantInput, createdAssistantSchema } from '../../../../shared/assistants.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { assistantsQueryKey } from './get-assistants.ts';

export type CreatedAssistant = z.infer<typeof createdAssistantSchema>;

export function createAssistant(input: CreateAssistantInput): Promise<CreatedAssistant> {
  return api.post<CreatedAssistant>(paths.api.adminAssistants, input);
}

/** Creates an assistant; the answer holds its API key, which no later request shows again. */
export function useCreateAssistant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAssistant,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assistantsQueryKey }),
  });
}
