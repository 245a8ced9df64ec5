import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { type CalendarStatus, calendarStatusQueryKey } from './get-calendar-status.ts';

export function setAutoSync(enabled: boolean): Promise<CalendarStatus['auto_sync']> {
  return api.post<CalendarStatus['auto_sync']>(enabled ? paths.api.autoSyncStart : paths.api.autoSyncStop);
}

/** Staff start or stop the practice's background sync. */
export function useSetAutoSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAutoSync,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: calendarStatusQueryKey }),
  });
}
