import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Appointment, CreateAppointmentInput } from '../../../../shared/appointments.ts';
import { api, isApiError } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';

export function createAppointment(input: CreateAppointmentInput): Promise<Appointment> {
  return api.post<Appointment>(paths.api.appointments, input);
}

/**
 * A client's request (pending and free) or a booking by staff; lists, calendars and free times
 * refresh. They refresh too when the time was taken meanwhile (409): the free times on screen
 * were out of date, and the next pick should be from fresh ones.
 */
export function useCreateAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAppointment,
    onSuccess: () => void invalidateAppointments(queryClient),
    onError: (error) => {
      if (isApiError(error) && error.status === 409) void invalidateAppointments(queryClient);
    },
  });
}
