import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Appointment } from '../../../../shared/appointments.ts';
import { getPage, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentKeys } from '../../../lib/query-keys.ts';

const counted = 100;

/** The next appointments from `now` on (up to a hundred, enough to count and to list the first few). */
export function upcomingAppointmentsOptions(now: string) {
  return queryOptions({
    queryKey: appointmentKeys.upcoming(now),
    queryFn: async ({ signal }) => {
      const page = await getPage<Appointment>(
        withQuery(paths.api.appointments, { startDate: now, limit: counted }),
        signal,
      );
      const active = page.data.filter((a) => a.status === 'pending' || a.status === 'confirmed');
      return { items: active, hasMore: page.nextCursor !== null };
    },
  });
}

export function useUpcomingAppointments(now: string) {
  return useQuery(upcomingAppointmentsOptions(now));
}

/** Paid appointments still to be paid (not cancelled), for the overview's payments card. */
export function unpaidAppointmentsOptions() {
  return queryOptions({
    queryKey: appointmentKeys.unpaid,
    queryFn: async ({ signal }) => {
      const page = await getPage<Appointment>(
        withQuery(paths.api.appointments, { type: 'paid', limit: counted }),
        signal,
      );
      return page.data.filter((a) => !a.isPaid && a.price > 0 && a.status !== 'cancelled');
    },
  });
}

export function useUnpaidAppointments() {
  return useQuery(unpaidAppointmentsOptions());
}
