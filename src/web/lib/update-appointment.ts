import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Appointment, UpdateAppointmentInput } from '../../shared/appointments.ts';
import { api } from './api-client.ts';
import { paths } from './paths.ts';
import { invalidateAppointments } from './query-keys.ts';

/** PUT /api/appointments/:id: shared by the appointments pages and the administration's list. */
export function updateAppointment(id: string, input: UpdateAppointmentInput): Promise<Appointment> {
  return api.put<Appointment>(paths.api.appointment(id), input);
}

/**
 * Changes an appointment: a new time, a correction, its status, practitioner or price. Every view
 * of appointments refreshes: the admin list and figures, the calendars, the client's pages.
 */
export function useUpdateAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateAppointmentInput }) =>
      updateAppointment(id, input),
    // Also after a failure: a refused change often means the appointment moved on meanwhile.
    onSettled: () => invalidateAppointments(queryClient),
  });
}
