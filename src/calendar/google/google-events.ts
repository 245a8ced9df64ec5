import { createHash } from 'node:crypto';
import { calendar, type calendar_v3, auth as googleAuth } from '@googleapis/calendar';
import { DuplicateEventError, EventGoneError } from '../errors.ts';
import type { ChangePageHandler, ChangeSet, EventDraft, WatchChannel } from '../provider.ts';
import { toProviderError } from './google-errors.ts';
import { fromGoogleEvent, toGoogleEvent } from './google-event-mapping.ts';

/** The official client, authorised with one access token, pointed at the configured base URL. */
export function googleCalendarApi(
  apiBaseUrl: string,
  accessToken: string,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): calendar_v3.Calendar {
  // The client's own copy of google-auth-library, so its OAuth2 type is the one it expects.
  const auth = new googleAuth.OAuth2();
  auth.setCredentials({ access_token: accessToken });
  // Retries are ours (src/calendar/retry.ts), with Retry-After honoured; the client's would double them.
  return calendar({
    version: 'v3',
    rootUrl: apiBaseUrl.endsWith('/') ? apiBaseUrl : `${apiBaseUrl}/`,
    auth,
    retry: false,
    // Without a timeout a request that never answers would hold a pull or a push forever.
    timeout: options.timeoutMs ?? 30_000,
    // Node's own fetch rather than gaxios's default node-fetch: the same requests for about half
    // the CPU, which a fleet of calendars synced every few minutes notices (bench/sync-fleet.ts).
    fetchImplementation: options.fetch ?? fetch,
  });
}

async function call<T>(request: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await request()).data;
  } catch (error) {
    throw toProviderError(error);
  }
}

/** Google's largest page: fewer round trips on a full read (the events.list reference). */
const pageSize = 2500;

/**
 * Reads changes: with a sync token, only what changed since (deleted events included); without
 * one, every event, pages followed to the end where Google hands out the next sync token.
 * Recurring events are expanded (`singleEvents`) so each occurrence blocks its own time; the
 * same parameters must accompany later incremental reads, so they are fixed here. The next
 * page is requested while the current one is being handled, so the database work of a large
 * import hides behind the network.
 */
export async function getGoogleEvents(
  api: calendar_v3.Calendar,
  calendarId: string,
  syncToken: string | null,
  onPage: ChangePageHandler,
): Promise<ChangeSet> {
  const fetchPage = (pageToken: string | undefined) =>
    call(() =>
      api.events.list({
        calendarId,
        maxResults: pageSize,
        singleEvents: true,
        showDeleted: syncToken ? undefined : false,
        syncToken: syncToken ?? undefined,
        pageToken,
      }),
    );
  let requests = 1;
  let pending = fetchPage(undefined);
  for (;;) {
    const page = await pending;
    if (page.nextPageToken) {
      requests += 1;
      pending = fetchPage(page.nextPageToken);
      // If handling fails, the prefetch must not become an unhandled rejection.
      pending.catch(() => undefined);
    }
    const zone = page.timeZone ?? 'UTC';
    await onPage((page.items ?? []).map((item) => fromGoogleEvent(item, zone)));
    if (!page.nextPageToken) return { nextCursor: page.nextSyncToken ?? null, requests };
  }
}

export async function getGoogleEvent(api: calendar_v3.Calendar, calendarId: string, eventId: string) {
  return fromGoogleEvent(await call(() => api.events.get({ calendarId, eventId })));
}

const base32hexAlphabet = '0123456789abcdefghijklmnopqrstuv';

/** A Google event id (base32hex, 5–1024 characters) that is a pure function of the key. */
export function googleEventIdFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of digest) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      id += base32hexAlphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return id;
}

/**
 * Inserts with an id derived from the idempotency key: if a previous attempt created the event
 * but its answer was lost, Google answers 409 and the existing event is returned instead of a
 * second one being made (the events.insert reference allows client-chosen ids for this); the
 * existing event then gets the current draft.
 */
export async function createGoogleEvent(
  api: calendar_v3.Calendar,
  calendarId: string,
  draft: EventDraft,
  idempotencyKey: string,
) {
  const id = googleEventIdFor(idempotencyKey);
  try {
    return fromGoogleEvent(
      await call(() =>
        api.events.insert({ calendarId, requestBody: { ...toGoogleEvent(draft), id }, sendUpdates: 'none' }),
      ),
    );
  } catch (error) {
    if (!(error instanceof DuplicateEventError)) throw error;
    // The event for this key exists: made by an attempt whose answer was lost (the appointment
    // may have changed since, so the draft is written again), or deleted before because the
    // appointment left this calendar and came back (a deleted id is never free again: restored).
    return fromGoogleEvent(
      await call(() =>
        api.events.patch({
          calendarId,
          eventId: id,
          requestBody: { ...toGoogleEvent(draft), status: 'confirmed' },
          sendUpdates: 'none',
        }),
      ),
    );
  }
}

/** Live events from `from`, soonest first. */
export async function listUpcomingGoogleEvents(
  api: calendar_v3.Calendar,
  calendarId: string,
  from: Date,
  max: number,
) {
  const page = await call(() =>
    api.events.list({
      calendarId,
      timeMin: from.toISOString(),
      singleEvents: true,
      orderBy: 'startTime',
      maxResults: max,
    }),
  );
  const zone = page.timeZone ?? 'UTC';
  return (page.items ?? []).map((item) => fromGoogleEvent(item, zone));
}

/** Patches our fields; with `ifMatch`, Google refuses (412) if someone changed the event meanwhile. */
export async function updateGoogleEvent(
  api: calendar_v3.Calendar,
  calendarId: string,
  eventId: string,
  draft: EventDraft,
  ifMatch?: string,
) {
  return fromGoogleEvent(
    await call(() =>
      api.events.patch(
        { calendarId, eventId, requestBody: toGoogleEvent(draft), sendUpdates: 'none' },
        ifMatch ? { headers: { 'If-Match': ifMatch } } : undefined,
      ),
    ),
  );
}

/** Deleting an event that is already gone (404, 410 deleted) counts as done, per Google's errors guide. */
export async function deleteGoogleEvent(
  api: calendar_v3.Calendar,
  calendarId: string,
  eventId: string,
): Promise<void> {
  try {
    await call(() => api.events.delete({ calendarId, eventId, sendUpdates: 'none' }));
  } catch (error) {
    if (error instanceof EventGoneError) return;
    throw error;
  }
}

export async function watchGoogleEvents(
  api: calendar_v3.Calendar,
  calendarId: string,
  options: { address: string; channelId: string; token: string; ttlSeconds: number },
): Promise<WatchChannel> {
  const channel = await call(() =>
    api.events.watch({
      calendarId,
      requestBody: {
        id: options.channelId,
        type: 'web_hook',
        address: options.address,
        token: options.token,
        params: { ttl: String(options.ttlSeconds) },
      },
    }),
  );
  return {
    channelId: channel.id ?? options.channelId,
    resourceId: channel.resourceId ?? '',
    expiresAt: new Date(Number(channel.expiration ?? Date.now() + options.ttlSeconds * 1000)),
  };
}

export async function stopGoogleChannel(
  api: calendar_v3.Calendar,
  channel: { channelId: string; resourceId: string },
) {
  try {
    await call(() =>
      api.channels.stop({ requestBody: { id: channel.channelId, resourceId: channel.resourceId } }),
    );
  } catch (error) {
    // A channel Google no longer knows is as stopped as it can be.
    if (error instanceof EventGoneError) return;
    throw error;
  }
}

/**
 * The account's address, for the settings page. The primary calendar's summary is its owner's
 * email in Google Calendar, and one tiny list call reads it with the scope we already hold.
 */
export async function getGoogleCalendarName(
  api: calendar_v3.Calendar,
  calendarId: string,
): Promise<string | null> {
  const page = await call(() => api.events.list({ calendarId, maxResults: 1 }));
  return page.summary ?? null;
}
