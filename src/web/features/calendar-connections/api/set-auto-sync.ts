import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AutoSyncState } from '../../../../shared/calendar.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { calendarStatusQueryKey } from './get-calendar-status.ts';

export function setAutoSync(enabled: boolean): Promise<AutoSyncState> {
  return api.post<AutoSyncState>(enabled ? paths.api.autoSyncStart : paths.api.autoSyncStop);
}

/** Staff start or stop the practice's background sync. */
export function useSetAutoSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAutoSync,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: calendarStatusQueryKey }),
  });
}
