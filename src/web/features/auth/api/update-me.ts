import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale, Me } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { meQueryKey } from './get-me.ts';

export interface UpdateMeInput {
  name?: string;
  phone?: string | null;
  locale?: Locale;
}

export function updateMe(input: UpdateMeInput): Promise<Me> {
  return api.patch<Me>(paths.api.me, input);
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
