import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Appointment, UpdateAppointmentInput } from '../../../../shared/appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';

export function updateAppointment(id: string, input: UpdateAppointmentInput): Promise<Appointment> {
  return api.put<Appointment>(paths.api.appointment(id), input);
}

/**
 * Changes an appointment's status, practitioner or price (PUT /api/appointments/:id). Every view
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
