import type { CalendarProvider, WatchChannel } from '../provider.ts';
import { graphClient } from './graph-request.ts';
import {
  createMicrosoftEvent,
  deleteMicrosoftEvent,
  getMicrosoftEvent,
  getMicrosoftEvents,
  listUpcomingMicrosoftEvents,
  updateMicrosoftEvent,
} from './microsoft-events.ts';
import {
  createMicrosoftSubscription,
  deleteMicrosoftSubscription,
  renewMicrosoftSubscription,
} from './microsoft-subscriptions.ts';

/** CalendarProvider plus what Graph adds: a subscription is renewed in place (PATCH), not replaced. */
export interface MicrosoftCalendarProvider extends CalendarProvider {
  renewWatch(channel: { channelId: string }, ttlSeconds: number): Promise<WatchChannel>;
}

/** The signed-in user's default Outlook calendar, reached with one access token. */
export function microsoftProvider(
  graphBaseUrl: string,
  accessToken: string,
  fetchImplementation: typeof fetch = fetch,
): MicrosoftCalendarProvider {
  const client = graphClient(graphBaseUrl, accessToken, fetchImplementation);
  return {
    name: 'microsoft',
    listChanges: (cursor, onPage) => getMicrosoftEvents(client, cursor, onPage),
    getEvent: (eventId) => getMicrosoftEvent(client, eventId),
    listUpcoming: (from, max) => listUpcomingMicrosoftEvents(client, from, max),
    insertEvent: (draft, key) => createMicrosoftEvent(client, draft, key),
    updateEvent: (eventId, draft, ifVersion) => updateMicrosoftEvent(client, eventId, draft, ifVersion),
    deleteEvent: (eventId) => deleteMicrosoftEvent(client, eventId),
    watch: (options) => createMicrosoftSubscription(client, options),
    renewWatch: (channel, ttlSeconds) => renewMicrosoftSubscription(client, channel.channelId, ttlSeconds),
    unwatch: (channel) => deleteMicrosoftSubscription(client, channel.channelId),
  };
}
