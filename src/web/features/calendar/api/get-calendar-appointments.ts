import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { AdminAppointment } from '../../../../shared/admin-appointments.ts';
import type { Appointment, AppointmentStatus } from '../../../../shared/appointments.ts';
import { getPage, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { nameBesideTitle } from '../../../lib/person-name.ts';
import { appointmentKeys } from '../../../lib/query-keys.ts';

/** Whose appointments: the reader's (the client dashboard) or the whole practice's (admin). */
export type CalendarScope = 'mine' | 'practice';

/** What a calendar draws of an appointment. */
export interface CalendarAppointment {
  id: string;
  title: string;
  startTime: string;
  endTime: string;
  status: AppointmentStatus;
  /** The client's name, on the practice's calendar; null when the title already says it. */
  clientName: string | null;
}

const pageSize = 500;
const maxPages = 10;

async function fetchRange(scope: CalendarScope, start: string, end: string, signal: AbortSignal) {
  const base = scope === 'practice' ? paths.api.adminAppointments : paths.api.appointments;
  const found: CalendarAppointment[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await getPage<Appointment | AdminAppointment>(
      withQuery(base, { startDate: start, endDate: end, limit: pageSize, cursor }),
      signal,
    );
    for (const a of result.data) {
      const client = 'user' in a ? a.user?.name : null;
      found.push({
        id: a.id,
        title: a.title,
        startTime: a.startTime,
        endTime: a.endTime,
        status: a.status,
        clientName: nameBesideTitle(a.title, client ?? a.attendeeName),
      });
    }
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return found;
}

/**
 * The appointments of the visible range only (spec 001 flow 3 reads a range; we read exactly
 * what is on screen). Kept under the `appointments` key, so any change to one refreshes it.
 */
export function calendarAppointmentsOptions(scope: CalendarScope, start: string, end: string) {
  return queryOptions({
    queryKey: appointmentKeys.calendar(scope, start, end),
    queryFn: ({ signal }) => fetchRange(scope, start, end, signal),
    // Moving to the next week keeps the current events on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useCalendarAppointments(scope: CalendarScope, start: string, end: string) {
  return useQuery(calendarAppointmentsOptions(scope, start, end));
}
