import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Availability } from '../../../../shared/availability.ts';
import { api, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { availabilityKeys } from '../../../lib/query-keys.ts';

/** The times a client could book in the coming days, as the booking pages compute them. */
export function bookableSlotsQueryOptions(practitionerId: string, startDate: string, endDate: string) {
  return queryOptions({
    queryKey: availabilityKeys.bookableRange(practitionerId, startDate, endDate),
    queryFn: ({ signal }) =>
      api.get<Availability>(
        withQuery(paths.api.availability, { practitionerId, startDate, endDate }),
        signal,
      ),
  });
}

export function useBookableSlots(practitionerId: string, startDate: string, endDate: string) {
  return useQuery(bookableSlotsQueryOptions(practitionerId, startDate, endDate));
}
