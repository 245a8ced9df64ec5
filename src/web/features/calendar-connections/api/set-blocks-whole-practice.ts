import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BusyTimeSetting, CalendarConnection, CalendarStatus } from '../../../../shared/calendar.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { calendarStatusQueryKey } from './get-calendar-status.ts';

export function setBlocksWholePractice(setting: BusyTimeSetting): Promise<CalendarConnection> {
  return api.put<CalendarConnection>(paths.api.calendarBusyTime, setting);
}

/** Staff decide whether a calendar's other events block the whole practice or only its owner. */
export function useSetBlocksWholePractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setBlocksWholePractice,
    onSuccess: (saved) => {
      // The answer is the connection as saved: shown at once, without waiting for the refetch.
      queryClient.setQueryData<CalendarStatus>(
        calendarStatusQueryKey,
        (status) =>
          status && {
            ...status,
            connections: status.connections.map((c) => (c.id === saved.id ? saved : c)),
          },
      );
      void queryClient.invalidateQueries({ queryKey: calendarStatusQueryKey });
    },
  });
}
