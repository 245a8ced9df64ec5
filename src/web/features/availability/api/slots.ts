import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSlotInput, Slot, UpdateSlotInput } from '../../../../shared/availability.ts';
import { api, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { availabilityKeys } from '../../../lib/query-keys.ts';

export function slotsQueryOptions(userId: string) {
  return queryOptions({
    queryKey: availabilityKeys.slots(userId),
    queryFn: ({ signal }) => api.get<Slot[]>(withQuery(paths.api.availabilitySlots, { userId }), signal),
  });
}

/** The weekly openings of one practitioner. */
export function useSlots(userId: string) {
  return useQuery(slotsQueryOptions(userId));
}

/** Adds an opening, or changes one when an id is given (a partial change, such as `isActive`). */
export function useSaveSlot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: CreateSlotInput | UpdateSlotInput }) =>
      id
        ? api.put<Slot>(paths.api.availabilitySlot(id), input)
        : api.post<Slot>(paths.api.availabilitySlots, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: availabilityKeys.all }),
  });
}

export function useDeleteSlot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(paths.api.availabilitySlot(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: availabilityKeys.all }),
  });
}
