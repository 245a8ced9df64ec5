import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Appointment, AppointmentStatus } from '../../../../shared/appointments.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';

export interface StatusChange {
  id: string;
  status: Extract<AppointmentStatus, 'confirmed' | 'cancelled' | 'completed' | 'no_show'>;
}

export function updateAppointmentStatus({ id, status }: StatusChange): Promise<Appointment> {
  return api.put<Appointment>(paths.api.appointment(id), { status });
}

/** Confirm, cancel, complete or mark a no-show; every view of appointments refreshes,
 * the administration's list and figures too. */
export function useUpdateAppointmentStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAppointmentStatus,
    // Not awaited: the change may remove the item that asked for it (a confirmed request leaves
    // the pending section), and the caller's own callbacks (its toast) must still run.
    onSuccess: () => void invalidateAppointments(queryClient),
  });
}
