import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me, UpdatePracticeInput } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { meQueryKey } from './get-me.ts';

export function updatePractice(input: UpdatePracticeInput): Promise<Me> {
  return api.patch<Me>(paths.api.adminPractice, input);
}

/** Staff rename the practice or change its zone; every page reads them from `me`. */
export function useUpdatePractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePractice,
    onSuccess: (me) => {
      queryClient.setQueryData(meQueryKey, me);
      // Free times and opening hours are read in the practice's zone.
      void queryClient.invalidateQueries();
    },
  });
}
