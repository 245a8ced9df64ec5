import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SignInInput } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { meQueryKey, meQueryOptions } from './get-me.ts';

/** Better Auth's endpoint: answers outside the envelope, and sets the session cookie. */
export function signIn(input: SignInInput): Promise<unknown> {
  return api.post<unknown>(paths.api.signIn, input);
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SignInInput) => {
      await signIn(input);
      queryClient.removeQueries({ queryKey: meQueryKey });
      return queryClient.fetchQuery(meQueryOptions());
    },
  });
}
