import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Appointment } from '../../../../shared/appointments.ts';
import type { Role } from '../../../../shared/auth.ts';
import { getPage, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentKeys } from '../../../lib/query-keys.ts';
import { awaitsReader } from '../../../lib/whose-answer.ts';

/**
 * Spec 001 flow 2: the pending appointments the reader must confirm. A client confirms what the
 * practice (or its voice assistant) proposed, not their own requests, which wait for the
 * practice; staff confirm every other request, not what the practice itself proposed, which
 * waits for the client.
 */
export function pendingConfirmationsOptions(role: Role, now: string) {
  return queryOptions({
    queryKey: appointmentKeys.pendingConfirmation(role, now),
    queryFn: async ({ signal }) => {
      const page = await getPage<Appointment>(
        withQuery(paths.api.appointments, { status: 'pending', startDate: now, limit: 100 }),
        signal,
      );
      return page.data.filter((a) => awaitsReader(a, role !== 'client'));
    },
  });
}

export function usePendingConfirmations(role: Role, now: string) {
  return useQuery(pendingConfirmationsOptions(role, now));
}
