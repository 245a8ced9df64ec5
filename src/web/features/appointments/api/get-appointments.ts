import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Appointment, AppointmentStatus, AppointmentType } from '../../../../shared/appointments.ts';
import { getPage, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentKeys } from '../../../lib/query-keys.ts';

export type AppointmentPeriod = 'upcoming' | 'past';

export interface AppointmentFilters {
  period: AppointmentPeriod;
  status?: AppointmentStatus;
  type?: AppointmentType;
  search?: string;
  /** The moment that splits upcoming from past, fixed when the page opens. */
  now: string;
}

const pageSize = 30;

export function appointmentsListOptions(filters: AppointmentFilters) {
  const { period, now, ...rest } = filters;
  const query = {
    ...rest,
    limit: pageSize,
    // Upcoming: soonest first from now on; past: the latest first, going backwards.
    ...(period === 'upcoming' ? { startDate: now } : { endDate: now, order: 'desc' }),
  };
  return infiniteQueryOptions({
    queryKey: appointmentKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      getPage<Appointment>(withQuery(paths.api.appointments, { ...query, cursor: pageParam }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The appointments list of the dashboard, a page at a time. */
export function useAppointments(filters: AppointmentFilters) {
  return useInfiniteQuery(appointmentsListOptions(filters));
}
