import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Appointment,
  AppointmentStatus,
  UpdateAppointmentInput,
} from '../../../../shared/appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';

export interface StatusChange {
  id: string;
  status: Extract<AppointmentStatus, 'confirmed' | 'cancelled' | 'completed' | 'no_show'>;
}

export function updateAppointment(id: string, input: UpdateAppointmentInput): Promise<Appointment> {
  return api.put<Appointment>(paths.api.appointment(id), input);
}

/** Changes an appointment (a new time, a correction); every view of appointments refreshes. */
export function useUpdateAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateAppointmentInput }) =>
      updateAppointment(id, input),
    onSuccess: () => void invalidateAppointments(queryClient),
  });
}

/** Confirm, cancel, complete or mark a no-show; every view of appointments refreshes,
 * the administration's list and figures too. */
export function useUpdateAppointmentStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: StatusChange) => updateAppointment(id, { status }),
    // Not awaited: the change may remove the item that asked for it (a confirmed request leaves
    // the pending section), and the caller's own callbacks (its toast) must still run.
    onSuccess: () => void invalidateAppointments(queryClient),
  });
}
