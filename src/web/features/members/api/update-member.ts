import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Member, UpdateMemberInput } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { membersQueryKey } from './get-members.ts';

export function updateMember({ id, ...changes }: UpdateMemberInput & { id: string }): Promise<Member> {
  return api.patch<Member>(paths.api.adminUser(id), changes);
}

/** Corrects a member's name or phone; the list refreshes. */
export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMember,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
}
