import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarConnection } from '../../../../shared/calendar.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export const calendarStatusQueryKey = ['calendar-status'] as const;

/** GET /api/calendar/status (spec 002): the practice's calendar sync at a glance. */
export interface CalendarStatus {
  status: 'not_connected' | 'available' | 'expired' | 'error';
  calendar_id: string | null;
  timezone: string;
  connections: CalendarConnection[];
  auto_sync: {
    enabled: boolean;
    running: boolean;
    interval_seconds: number;
    last_sync_time: string | null;
    last_sync_result: { created: number; updated: number; cancelled: number; error: string | null } | null;
  };
}

export function calendarStatusOptions() {
  return queryOptions({
    queryKey: calendarStatusQueryKey,
    queryFn: ({ signal }) => api.get<CalendarStatus>(paths.api.calendarStatus, signal),
  });
}

export function useCalendarStatus() {
  return useQuery(calendarStatusOptions());
}
