import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AdminCreateRequestInput } from '../../../../shared/admin-appointments.ts';
import type { Appointment } from '../../../../shared/appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';

export type AppointmentRequestInput = Omit<AdminCreateRequestInput, 'action'>;

/** Spec 001 flow 1: staff request an appointment with a registered client (pending until confirmed). */
export function createAppointmentRequest(input: AppointmentRequestInput): Promise<Appointment> {
  return api.post<Appointment>(paths.api.adminAppointments, { action: 'create', ...input });
}

export function useCreateAppointmentRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAppointmentRequest,
    onSuccess: () => void invalidateAppointments(queryClient),
  });
}
