import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateMemberInput, Member } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { membersQueryKey } from './get-members.ts';

export function createMember(input: CreateMemberInput): Promise<Member> {
  return api.post<Member>(paths.api.adminUsers, input);
}

/** Adds a person to the practice; the members list refreshes through its query key. */
export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMember,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
}
