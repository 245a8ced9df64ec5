import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedCalendarFeed } from '../../../../shared/calendar-feed.ts';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';
import { calendarFeedQueryKey } from './get-calendar-feed.ts';

export function createCalendarFeed(): Promise<CreatedCalendarFeed> {
  return api.post<CreatedCalendarFeed>(paths.api.calendarFeed);
}

/** Makes a new secret address (the previous one stops working); the answer is the only time it is shown. */
export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCalendarFeed,
    onSuccess: ({ active, createdAt }) =>
      queryClient.setQueryData(calendarFeedQueryKey, { active, createdAt }),
  });
}
