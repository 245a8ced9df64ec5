import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Availability } from '../../../../shared/availability.ts';
import { api, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { availabilityKeys } from '../../../lib/query-keys.ts';

interface BookableRange {
  /** Whose times; the server's default is the practice owner. */
  practitionerId?: string;
  /** Times that fit this product's length (and buffers); the server's default is an hour. */
  productId?: string;
  startDate: string;
  endDate: string;
  /** The zone the days are cut in; the server's default is the practice's. */
  timeZone?: string;
}

/** The times a client could book between two days, as the booking pages compute them. */
export function bookableSlotsQueryOptions({
  practitionerId,
  productId,
  startDate,
  endDate,
  timeZone,
}: BookableRange) {
  return queryOptions({
    queryKey: availabilityKeys.bookableRange(
      practitionerId ?? '',
      startDate,
      endDate,
      timeZone ?? '',
      productId ?? '',
    ),
    queryFn: ({ signal }) =>
      api.get<Availability>(
        withQuery(paths.api.availability, {
          practitionerId,
          productId,
          startDate,
          endDate,
          timezone: timeZone,
        }),
        signal,
      ),
  });
}

export function useBookableSlots(range: BookableRange) {
  return useQuery(bookableSlotsQueryOptions(range));
}
