import { useQuery } from '@tanstack/react-query';
import type { PracticeSetup } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export const practiceSetupQueryKey = ['admin', 'practiceSetup'] as const;

/** Staff only. Read again on every visit: each step is done on another page. */
export function usePracticeSetup(enabled: boolean) {
  return useQuery({
    queryKey: practiceSetupQueryKey,
    queryFn: ({ signal }) => api.get<PracticeSetup>(paths.api.adminPracticeSetup, signal),
    enabled,
    staleTime: 0,
  });
}
