import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AppointmentStats } from '../../../../shared/admin-appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentKeys } from '../../../lib/query-keys.ts';

export function getAppointmentStats(): Promise<AppointmentStats> {
  return api.post<AppointmentStats>(paths.api.adminAppointments, { action: 'stats' });
}

export function appointmentStatsQueryOptions() {
  return queryOptions({ queryKey: appointmentKeys.stats, queryFn: getAppointmentStats });
}

/**
 * This month's figures of the practice (spec: POST /api/admin/appointments, action "stats"),
 * under the appointments key: any change to an appointment refreshes them.
 */
export function useAppointmentStats() {
  return useQuery(appointmentStatsQueryOptions());
}
