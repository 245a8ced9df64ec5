import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AvailabilityExceptionDto, CreateExceptionInput } from '../../../../shared/availability.ts';
import { api, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { availabilityKeys } from '../../../lib/query-keys.ts';

export function exceptionsQueryOptions(userId: string) {
  return queryOptions({
    queryKey: availabilityKeys.exceptions(userId),
    queryFn: ({ signal }) =>
      api.get<AvailabilityExceptionDto[]>(withQuery(paths.api.availabilityExceptions, { userId }), signal),
  });
}

/** Blocked days or hours, and extra hours, of one practitioner, by date. */
export function useExceptions(userId: string) {
  return useQuery(exceptionsQueryOptions(userId));
}

export function useCreateException() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateExceptionInput) =>
      api.post<AvailabilityExceptionDto>(paths.api.availabilityExceptions, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: availabilityKeys.all }),
  });
}

export function useDeleteException() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(paths.api.availabilityException(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: availabilityKeys.all }),
  });
}
