import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Assistant } from '../../../../shared/assistants.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export const assistantsQueryKey = ['admin', 'assistants'] as const;

export function assistantsQueryOptions() {
  return queryOptions({
    queryKey: assistantsQueryKey,
    queryFn: ({ signal }) => api.get<Assistant[]>(paths.api.adminAssistants, signal),
  });
}

/** The practice's voice assistants, newest first, revoked ones included; never their keys. */
export function useAssistants() {
  return useQuery(assistantsQueryOptions());
}
