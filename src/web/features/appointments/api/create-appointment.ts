import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Appointment, CreateAppointmentInput } from '../../../../shared/appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';

export function createAppointment(input: CreateAppointmentInput): Promise<Appointment> {
  return api.post<Appointment>(paths.api.appointments, input);
}

/** A client's request (pending and free) or a booking by staff; lists and calendars refresh. */
export function useCreateAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAppointment,
    onSuccess: () => void invalidateAppointments(queryClient),
  });
}
