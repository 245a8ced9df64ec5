import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Appointment } from '../../../../shared/appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentsQueryKey } from './get-appointments.ts';

export const appointmentQueryKey = (id: string) => [...appointmentsQueryKey, 'one', id] as const;

export function appointmentOptions(id: string) {
  return queryOptions({
    queryKey: appointmentQueryKey(id),
    queryFn: ({ signal }) => api.get<Appointment>(paths.api.appointment(id), signal),
  });
}

export function useAppointment(id: string) {
  return useQuery(appointmentOptions(id));
}
