import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me, SignUpInput } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { meQueryKey } from './get-me.ts';

/** Creates the practice with its owner; the server signs the owner in. */
export function signUp(input: SignUpInput): Promise<Me> {
  return api.post<Me>(paths.api.signup, input);
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signUp,
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
