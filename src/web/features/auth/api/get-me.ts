import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import type { Me } from '../../../../shared/auth.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export const meQueryKey = ['me'] as const;

export function getMe(signal?: AbortSignal): Promise<Me> {
  return api.get<Me>(paths.api.me, signal);
}

export function meQueryOptions() {
  return queryOptions({ queryKey: meQueryKey, queryFn: ({ signal }) => getMe(signal), staleTime: 60_000 });
}

/** The signed-in person; only inside routes whose loader made sure someone is signed in. */
export function useMe(): Me {
  return useSuspenseQuery(meQueryOptions()).data;
}
