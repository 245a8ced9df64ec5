import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { calendarStatusQueryKey } from './get-calendar-status.ts';

export function retryRefusedPushes(id: string): Promise<{ retried: number }> {
  return api.post<{ retried: number }>(withQuery(paths.api.retryPushes, { id }));
}

/** Sends again the appointments a calendar refused; the settings page refreshes. */
export function useRetryRefusedPushes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryRefusedPushes,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: calendarStatusQueryKey }),
  });
}
