import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Appointment } from '../../../../shared/appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentKeys } from '../../../lib/query-keys.ts';

export function appointmentOptions(id: string) {
  return queryOptions({
    queryKey: appointmentKeys.detail(id),
    queryFn: ({ signal }) => api.get<Appointment>(paths.api.appointment(id), signal),
  });
}

export function useAppointment(id: string) {
  return useQuery(appointmentOptions(id));
}
