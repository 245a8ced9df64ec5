import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarConnection } from '../../../../shared/calendar.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { calendarStatusQueryKey } from './get-calendar-status.ts';

/** Connects the server's Google service-account calendar to the practice it belongs to (spec 002). */
export function connectServiceAccount(): Promise<CalendarConnection> {
  return api.post<CalendarConnection>(paths.api.calendarServiceAccount);
}

/** No consent page: the server connects the shared calendar at once; the settings page refreshes. */
export function useConnectServiceAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: connectServiceAccount,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: calendarStatusQueryKey }),
  });
}
