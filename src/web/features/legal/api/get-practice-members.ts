import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Member } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

/** Its own key: the Organization page's list is another feature's, with its own refreshes. */
export const practiceMembersQueryKey = ['legal', 'members'] as const;

/** GET /api/admin/users: everyone of the practice, the people whose data staff may be asked for. */
export function getPracticeMembers(signal?: AbortSignal): Promise<Member[]> {
  return api.get<Member[]>(paths.api.adminUsers, signal);
}

export function practiceMembersQueryOptions() {
  return queryOptions({
    queryKey: practiceMembersQueryKey,
    queryFn: ({ signal }) => getPracticeMembers(signal),
  });
}

export function usePracticeMembers() {
  return useQuery(practiceMembersQueryOptions());
}
