import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AppointmentStats } from '../../../../shared/admin-appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

/** Under the admin appointments key, so any change to an appointment refreshes the figures. */
export const appointmentStatsQueryKey = ['admin', 'appointments', 'stats'] as const;

export function getAppointmentStats(): Promise<AppointmentStats> {
  return api.post<AppointmentStats>(paths.api.adminAppointments, { action: 'stats' });
}

export function appointmentStatsQueryOptions() {
  return queryOptions({ queryKey: appointmentStatsQueryKey, queryFn: getAppointmentStats });
}

/** This month's figures of the practice (spec: POST /api/admin/appointments, action "stats"). */
export function useAppointmentStats() {
  return useQuery(appointmentStatsQueryOptions());
}
