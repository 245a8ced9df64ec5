import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { membersQueryKey } from './get-members.ts';

export function removeMember(id: string): Promise<void> {
  return api.delete<void>(paths.api.adminUser(id));
}

/** Takes a person and their account out of the practice; their appointments stay. */
export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
}
