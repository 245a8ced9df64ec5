import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Member } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export const membersQueryKey = ['admin', 'members'] as const;

export function getMembers(signal?: AbortSignal): Promise<Member[]> {
  return api.get<Member[]>(paths.api.adminUsers, signal);
}

export function membersQueryOptions() {
  return queryOptions({ queryKey: membersQueryKey, queryFn: ({ signal }) => getMembers(signal) });
}

/** `enabled`: false for a client, who may not read the practice's people. */
export function useMembers(enabled = true) {
  return useQuery({ ...membersQueryOptions(), enabled });
}
