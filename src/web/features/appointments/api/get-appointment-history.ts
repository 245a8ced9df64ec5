import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AppointmentEvent } from '../../../../shared/appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentQueryKey } from './get-appointment.ts';

export function appointmentHistoryOptions(id: string) {
  return queryOptions({
    queryKey: [...appointmentQueryKey(id), 'history'],
    queryFn: ({ signal }) => api.get<AppointmentEvent[]>(paths.api.appointmentHistory(id), signal),
  });
}

/** Who changed what on an appointment, oldest first. */
export function useAppointmentHistory(id: string) {
  return useQuery(appointmentHistoryOptions(id));
}
