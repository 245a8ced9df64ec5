import { useMutation } from '@tanstack/react-query';
import type { CalendarConnection } from '../../../../shared/calendar.ts';
import { api, withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export type CalendarProvider = CalendarConnection['provider'];

/** Asks the server for the provider's consent page and goes there; the callback brings people back. */
export async function connectCalendar(provider: CalendarProvider): Promise<void> {
  const { url } = await api.get<{ url: string }>(withQuery(paths.api.calendarConnect, { provider }));
  window.location.assign(url);
}

/** Connect (or reconnect) Google or Microsoft: leaves the app for the provider's consent page. */
export function useConnectCalendar() {
  return useMutation({ mutationFn: connectCalendar });
}
