import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Member } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

/** The same key as the members list: adding an admin there refreshes this choice. */
export const practitionersQueryKey = ['admin', 'members'] as const;

/** The owner and admins: the people an appointment can be assigned to. */
export function practitionersQueryOptions() {
  return queryOptions({
    queryKey: practitionersQueryKey,
    queryFn: ({ signal }) => api.get<Member[]>(paths.api.adminUsers, signal),
    select: (members: Member[]) => members.filter((m) => m.role === 'owner' || m.role === 'admin'),
  });
}

/** Fetched only while a dialog needs the choice (`enabled`). */
export function usePractitioners(enabled = true) {
  return useQuery({ ...practitionersQueryOptions(), enabled });
}
