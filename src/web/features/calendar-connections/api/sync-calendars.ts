import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SyncResult } from '../../../../shared/calendar.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';
import { calendarStatusQueryKey } from './get-calendar-status.ts';

/** Spec 000's Sync Appointments: imports from the reader's connected calendars now. */
export function syncCalendars(): Promise<SyncResult> {
  return api.post<SyncResult>(paths.api.appointmentsSync);
}

export function useSyncCalendars() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: syncCalendars,
    // A sync changes appointments and the connections' states (last sync, expired) alike.
    onSettled: () =>
      void Promise.all([
        invalidateAppointments(queryClient),
        queryClient.invalidateQueries({ queryKey: calendarStatusQueryKey }),
      ]),
  });
}
