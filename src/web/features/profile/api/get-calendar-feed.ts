import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarFeedStatus } from '../../../../shared/calendar-feed.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export const calendarFeedQueryKey = ['calendar-feed'] as const;

/** Whether the reader has a live feed address (GET /api/me/calendar-feed); never the address itself. */
export function calendarFeedOptions() {
  return queryOptions({
    queryKey: calendarFeedQueryKey,
    queryFn: ({ signal }) => api.get<CalendarFeedStatus>(paths.api.calendarFeed, signal),
  });
}

export function useCalendarFeed() {
  return useQuery(calendarFeedOptions());
}
