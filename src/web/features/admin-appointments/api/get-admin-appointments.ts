import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AdminAppointment } from '../../../../shared/admin-appointments.ts';
import { getPage, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { appointmentKeys } from '../../../lib/query-keys.ts';
import { type AppointmentFilters, listQuery } from '../lib/filters.ts';

const pageSize = 50;
const exportPageSize = 500;

type ListQuery = ReturnType<typeof listQuery>;

function getAdminAppointmentsPage(query: ListQuery, limit: number, cursor?: string, signal?: AbortSignal) {
  return getPage<AdminAppointment>(
    withQuery(paths.api.adminAppointments, { ...query, limit, cursor }),
    signal,
  );
}

export function adminAppointmentsQueryOptions(filters: AppointmentFilters, timeZone: string) {
  const query = listQuery(filters, timeZone);
  return infiniteQueryOptions({
    queryKey: appointmentKeys.adminList(query),
    queryFn: ({ pageParam, signal }) => getAdminAppointmentsPage(query, pageSize, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The practice's appointments matching the filters, 50 at a time, soonest first. */
export function useAdminAppointments(filters: AppointmentFilters, timeZone: string) {
  return useInfiniteQuery(adminAppointmentsQueryOptions(filters, timeZone));
}

/** Every page of the filtered list, for the CSV export (not only the rows loaded on screen). */
export async function getAllAdminAppointments(
  filters: AppointmentFilters,
  timeZone: string,
): Promise<AdminAppointment[]> {
  const query = listQuery(filters, timeZone);
  const rows: AdminAppointment[] = [];
  let cursor: string | undefined;
  do {
    const page = await getAdminAppointmentsPage(query, exportPageSize, cursor);
    rows.push(...page.data);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}
