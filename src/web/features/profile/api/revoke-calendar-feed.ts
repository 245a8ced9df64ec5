import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarFeedStatus } from '../../../../shared/calendar-feed.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { calendarFeedQueryKey } from './get-calendar-feed.ts';

export function revokeCalendarFeed(): Promise<CalendarFeedStatus> {
  return api.delete<CalendarFeedStatus>(paths.api.calendarFeed);
}

/** Turns the address off: calendar apps subscribed to it stop receiving updates. */
export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeCalendarFeed,
    onSuccess: (status) => queryClient.setQueryData(calendarFeedQueryKey, status),
  });
}
