import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AppointmentEvent } from '../../../../shared/appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentKeys } from '../../../lib/query-keys.ts';

export function appointmentHistoryOptions(id: string) {
  return queryOptions({
    queryKey: appointmentKeys.history(id),
    queryFn: ({ signal }) => api.get<AppointmentEvent[]>(paths.api.appointmentHistory(id), signal),
  });
}

/** Who changed what on an appointment, oldest first; nothing is read while `id` is null. */
export function useAppointmentHistory(id: string | null) {
  return useQuery({ ...appointmentHistoryOptions(id ?? ''), enabled: id !== null });
}
