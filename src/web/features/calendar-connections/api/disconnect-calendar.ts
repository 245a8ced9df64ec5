import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { calendarStatusQueryKey } from './get-calendar-status.ts';

export function disconnectCalendar(id: string): Promise<{ id: string }> {
  return api.delete<{ id: string }>(withQuery(paths.api.calendarConnections, { id }));
}

/** Removes a connection (appointments are kept); the settings page refreshes. */
export function useDisconnectCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disconnectCalendar,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: calendarStatusQueryKey }),
  });
}
