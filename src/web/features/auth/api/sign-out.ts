import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export function signOut(): Promise<unknown> {
  return api.post<unknown>(paths.api.signOut, {});
}

/**
 * Signs out, lets the caller leave the signed-in pages, then forgets everything cached for this
 * person. Clearing first would make the pages still on screen refetch their data and fail.
 */
export function useSignOut({ onSignedOut }: { onSignedOut: () => Promise<void> | void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: async () => {
      await onSignedOut();
      queryClient.clear();
    },
  });
}
