import type { CalendarProvider } from '../provider.ts';
import {
  createGoogleEvent,
  deleteGoogleEvent,
  getGoogleEvent,
  getGoogleEvents,
  googleCalendarApi,
  listUpcomingGoogleEvents,
  stopGoogleChannel,
  updateGoogleEvent,
  watchGoogleEvents,
} from './google-events.ts';

/** One Google calendar, reached with one access token. */
export function googleProvider(
  apiBaseUrl: string,
  calendarId: string,
  accessToken: string,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): CalendarProvider {
  const api = googleCalendarApi(apiBaseUrl, accessToken, options);
  return {
    name: 'google',
    listChanges: (cursor, onPage) => getGoogleEvents(api, calendarId, cursor, onPage),
    getEvent: (eventId) => getGoogleEvent(api, calendarId, eventId),
    listUpcoming: (from, max) => listUpcomingGoogleEvents(api, calendarId, from, max),
    insertEvent: (draft, key) => createGoogleEvent(api, calendarId, draft, key),
    updateEvent: (eventId, draft, ifVersion) => updateGoogleEvent(api, calendarId, eventId, draft, ifVersion),
    deleteEvent: (eventId) => deleteGoogleEvent(api, calendarId, eventId),
    watch: (options) => watchGoogleEvents(api, calendarId, options),
    unwatch: (channel) => stopGoogleChannel(api, channel),
  };
}
