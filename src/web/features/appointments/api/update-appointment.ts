import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AppointmentStatus } from '../../../../shared/appointments.ts';
import { invalidateAppointments } from '../../../lib/query-keys.ts';
import { updateAppointment } from '../../../lib/update-appointment.ts';

export interface StatusChange {
  id: string;
  status: Extract<AppointmentStatus, 'confirmed' | 'cancelled' | 'completed' | 'no_show'>;
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
