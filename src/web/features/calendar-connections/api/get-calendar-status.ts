import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarStatus } from '../../../../shared/calendar.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export const calendarStatusQueryKey = ['calendar-status'] as const;

/** GET /api/calendar/status (spec 002): the practice's calendar sync at a glance. */
export function calendarStatusOptions() {
  return queryOptions({
    queryKey: calendarStatusQueryKey,
    queryFn: ({ signal }) => api.get<CalendarStatus>(paths.api.calendarStatus, signal),
  });
}

export function useCalendarStatus() {
  return useQuery(calendarStatusOptions());
}
