import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Availability } from '../../../../shared/availability.ts';
import { api, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { availabilityKeys } from '../../../lib/query-keys.ts';

interface BookableRange {
  /** Whose times; the server's default is the practice owner. */
  practitionerId?: string;
  startDate: string;
  endDate: string;
  /** The zone the days are cut in; the server's default is the practice's. */
  timeZone?: string;
}

/** The times a client could book between two days, as the booking pages compute them. */
export function bookableSlotsQueryOptions({ practitionerId, startDate, endDate, timeZone }: BookableRange) {
  return queryOptions({
    queryKey: availabilityKeys.bookableRange(practitionerId ?? '', startDate, endDate, timeZone ?? ''),
    queryFn: ({ signal }) =>
      api.get<Availability>(
        withQuery(paths.api.availability, { practitionerId, startDate, endDate, timezone: timeZone }),
        signal,
      ),
  });
}

export function useBookableSlots(range: BookableRange) {
  return useQuery(bookableSlotsQueryOptions(range));
}
