import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { metadataOf, propertyId } from '../../src/calendar/microsoft/microsoft-metadata.ts';
import type { CalendarProviderName } from '../../src/calendar/provider.ts';
import { localParts } from '../../src/domain/time-zone.ts';
import type { App } from '../../src/server/app.ts';
import { consentThroughGoogle, control as googleControl, startGoogle } from './google.ts';
import type { TestClient } from './http.ts';
import { consentThroughMicrosoft, control as microsoftControl, startMicrosoft } from './microsoft.ts';

/**
 * One calendar provider as the sync tests see it: its emulator, the environment that points
 * Rendezvous at it, and what a person does in that calendar (consent, create, move, edit,
 * delete events) or what the service does to us (rate limits, outages, revoked access, expired
 * sync cursors). The tests are written once against this interface and run for every provider
 * with `describe.each(calendarProviders)`; each implementation speaks its emulator's control
 * API (emulators/google/README.md, emulators/microsoft/README.md).
 */
export interface CalendarHarness {
  readonly provider: CalendarProviderName;
  readonly emulator: RunningEmulator;
  /** Environment variables that point the app at this emulator. */
  readonly env: Record<string, string>;
  /** Creates the account (Google account, Outlook mailbox) if it does not exist yet. */
  addAccount(email: string): Promise<void>;
  /**
   * Walks the real OAuth consent flow as `user`'s browser would, consenting as `email` (the
   * account is created first if needed). Returns where Rendezvous redirected the browser.
   */
  connect(user: TestClient, email: string, options?: { decision?: 'allow' | 'deny' }): Promise<string>;
  /** Events that were in the calendar before anyone watched it; returns their ids in order. */
  seed(email: string, events: SeedEvent[]): Promise<string[]>;
  /** An event created by a person in the calendar's own UI (change notifications are sent). */
  create(email: string, event: SeedEvent): Promise<string>;
  /** A person's edit of an event; metadata keys are merged into what the event carries. */
  edit(email: string, eventId: string, edit: EventEdit): Promise<void>;
  /** A person deletes the event. */
  remove(email: string, eventId: string): Promise<void>;
  /** The live (not deleted) events of the account's calendar, as the provider holds them. */
  events(email: string): Promise<UpstreamEvent[]>;
  /** The user removes the app's access: refresh tokens and the access tokens they gave stop working. */
  revokeAccess(email: string): Promise<void>;
  /** Every sync cursor handed out for this calendar is forgotten (Google 410 fullSyncRequired, Graph 410 SyncStateNotFound). */
  expireCursors(email: string): Promise<void>;
  /** Moves the emulator's clock (token, channel and subscription expiry) forward. */
  advanceClock(ms: number): Promise<void>;
  /** Every API request takes `ms` longer to answer (0: none). */
  setLatency(ms: number): Promise<void>;
  /** The most API requests the emulator answered at once since the last call. */
  takePeakInFlight(): Promise<number>;
  /** The next `times` requests of `operation` are throttled: with Retry-After (seconds), or the provider's rate limit without it. */
  throttle(
    operation: CalendarOperation,
    options: { retryAfterSeconds?: number; times?: number },
  ): Promise<void>;
  /** The next `times` requests of `operation` answer `status` (a server error by default). */
  fail(operation: CalendarOperation, options: { status?: number; times?: number }): Promise<void>;
  /**
   * The next request of `operation` is refused for good, as a calendar shared read-only refuses
   * a write (Google 403 requiredAccessLevel, Graph 403 ErrorAccessDenied): not worth retrying.
   */
  refuse(operation: CalendarOperation): Promise<void>;
  clearFaults(): Promise<void>;
  /** Resolves once every notification the emulator has to send (with its retries) has been attempted. */
  flushNotifications(): Promise<void>;
  close(): Promise<void>;
}

/** An event as a test seeds it: instants with an offset; written in `timeZone` when given. */
export interface SeedEvent {
  summary: string;
  description?: string;
  /** ISO 8601 instant with `Z` or an offset. */
  start: string;
  end: string;
  /** IANA zone the event is written in (wall time + zone name), as a person in that zone would. */
  timeZone?: string;
  /** Shown as free / transparent: does not block time. */
  isFree?: boolean;
  /** Our metadata: Google private extended properties, Graph single-value extended properties. */
  metadata?: Record<string, string>;
}

export interface EventEdit {
  summary?: string;
  description?: string;
  start?: string;
  end?: string;
  metadata?: Record<string, string>;
}

/** An event read back from the provider, in provider-neutral terms. */
export interface UpstreamEvent {
  id: string;
  summary: string | null;
  description: string | null;
  start: Date;
  end: Date;
  metadata: Record<string, string>;
}

/** What the engine asks of a calendar, for fault injection. */
export type CalendarOperation = 'list' | 'create' | 'update' | 'delete';

export interface CalendarProviderCase {
  provider: CalendarProviderName;
  /** For test names: "Google Calendar", "Microsoft Outlook". */
  name: string;
  start: () => Promise<CalendarHarness>;
}

/** Every provider the sync engine speaks to: `describe.each(calendarProviders)('… $name', ({ start }) => …)`. */
export const calendarProviders: CalendarProviderCase[] = [
  { provider: 'google', name: 'Google Calendar', start: () => startGoogleHarness() },
  { provider: 'microsoft', name: 'Microsoft Outlook', start: () => startMicrosoftHarness() },
];

/** An event as a voice assistant books it (spec 000's metadata), in any provider. */
export function assistantBooking(options: {
  start: string;
  end: string;
  summary?: string;
  email?: string;
  phone?: string;
  service?: string;
  patientType?: string;
  timeZone?: string;
}): SeedEvent {
  return {
    summary: options.summary ?? 'Consultation - Jean Dupont',
    description: 'Booked by phone; prefers mornings.',
    start: options.start,
    end: options.end,
    timeZone: options.timeZone,
    metadata: {
      booked_by: 'assistant',
      email: options.email ?? 'jean.dupont@example.com',
      phone: options.phone ?? '+33 6 11 22 33 44',
      service: options.service ?? 'Consultation',
      patient_type: options.patientType ?? 'new',
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An instant `days` from today at `time` UTC ("09:30"), as ISO 8601. Sync tests use dates near
 * now: Outlook is read through calendarView delta, whose window is a month back and a year ahead.
 */
export function utcAt(days: number, time: string): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T${time}:00Z`).toISOString();
}

/** The wall time an instant shows in `zone`, without offset ("2030-03-04T09:00:00"). */
export function wallTime(instant: string, zone: string): string {
  const p = localParts(Date.parse(instant), zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

type Control = (method: string, path: string, body?: unknown) => Promise<unknown>;

/** The control routes every emulator shares (emulators/shared: faults, clock) and its notification log. */
function sharedControls(
  emulator: RunningEmulator,
  control: Control,
  paths: Record<CalendarOperation, { method: string; path: string }>,
  /** The provider's answer to a write it will never accept (see `refuse`). */
  refusal: { status: number; reason: string },
): Pick<
  CalendarHarness,
  | 'advanceClock'
  | 'setLatency'
  | 'takePeakInFlight'
  | 'fail'
  | 'refuse'
  | 'clearFaults'
  | 'flushNotifications'
  | 'close'
> {
  return {
    async advanceClock(ms) {
      await control('POST', 'clock', { advanceMs: ms });
    },
    async setLatency(ms) {
      await control('POST', 'latency', { ms });
    },
    async takePeakInFlight() {
      const { peak } = (await control('GET', 'in-flight')) as { peak: number };
      await control('DELETE', 'in-flight');
      return peak;
    },
    async fail(operation, options) {
      await control('POST', 'faults', {
        ...paths[operation],
        status: options.status ?? 500,
        times: options.times ?? 1,
      });
    },
    async refuse(operation) {
      await control('POST', 'faults', { ...paths[operation], ...refusal, times: 1 });
    },
    async clearFaults() {
      await control('DELETE', 'faults');
    },
    async flushNotifications() {
      await control('POST', 'notifications/flush');
    },
    close: () => emulator.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Google Calendar (emulators/google)

const googlePaths: Record<CalendarOperation, { method: string; path: string }> = {
  list: { method: 'GET', path: '/events$' },
  create: { method: 'POST', path: '/events$' },
  update: { method: 'PATCH', path: '/events/[^/]+$' },
  delete: { method: 'DELETE', path: '/events/[^/]+$' },
};

function googleTime(instant: string, zone?: string) {
  return zone ? { dateTime: wallTime(instant, zone), timeZone: zone } : { dateTime: instant };
}

function googleEventBody(event: SeedEvent) {
  return {
    summary: event.summary,
    ...(event.description !== undefined ? { description: event.description } : {}),
    start: googleTime(event.start, event.timeZone),
    end: googleTime(event.end, event.timeZone),
    ...(event.isFree ? { transparency: 'transparent' } : {}),
    ...(event.metadata ? { extendedProperties: { private: event.metadata } } : {}),
  };
}

export async function startGoogleHarness(): Promise<CalendarHarness> {
  const { emulator, env } = await startGoogle();
  const control = (method: string, path: string, body?: unknown) =>
    googleControl(emulator, method, path, body);
  const eventsPath = (email: string) => `calendars/${encodeURIComponent(email)}/events`;
  const accounts = new Set<string>();
  const addAccount = async (email: string) => {
    if (accounts.has(email)) return;
    await control('POST', 'accounts', { email });
    accounts.add(email);
  };

  return {
    provider: 'google',
    emulator,
    env,
    addAccount,
    async connect(user, email, options = {}) {
      await addAccount(email);
      return consentThroughGoogle(user, emulator, { email, decision: options.decision });
    },
    async seed(email, events) {
      await addAccount(email);
      const { ids } = await control('POST', 'seed', {
        calendarId: email,
        events: events.map(googleEventBody),
      });
      return ids as string[];
    },
    async create(email, event) {
      await addAccount(email);
      return (await control('POST', eventsPath(email), googleEventBody(event))).id as string;
    },
    async edit(email, eventId, edit) {
      await control('PATCH', `${eventsPath(email)}/${eventId}`, {
        ...(edit.summary !== undefined ? { summary: edit.summary } : {}),
        ...(edit.description !== undefined ? { description: edit.description } : {}),
        ...(edit.start ? { start: { dateTime: edit.start } } : {}),
        ...(edit.end ? { end: { dateTime: edit.end } } : {}),
        // events.patch merges extendedProperties.private key by key.
        ...(edit.metadata ? { extendedProperties: { private: edit.metadata } } : {}),
      });
    },
    async remove(email, eventId) {
      await control('DELETE', `${eventsPath(email)}/${eventId}`);
    },
    async events(email) {
      const { items } = await control('GET', eventsPath(email));
      return (
        items as {
          id: string;
          status: string;
          summary?: string;
          description?: string;
          start: { dateTime: string };
          end: { dateTime: string };
          extendedProperties?: { private?: Record<string, string> };
        }[]
      )
        .filter((e) => e.status !== 'cancelled')
        .map((e) => ({
          id: e.id,
          summary: e.summary ?? null,
          description: e.description ?? null,
          start: new Date(e.start.dateTime),
          end: new Date(e.end.dateTime),
          metadata: e.extendedProperties?.private ?? {},
        }));
    },
    async revokeAccess(email) {
      // Revoking an account's refresh tokens also kills the access tokens minted from them.
      await control('POST', 'revoke', { email });
    },
    async expireCursors(email) {
      await control('POST', 'expire-sync-tokens', { calendarId: email });
    },
    async throttle(operation, options) {
      const rule =
        options.retryAfterSeconds === undefined
          ? { status: 403, reason: 'rateLimitExceeded' } // Google's usual rate limit: 403, no Retry-After (errors guide)
          : { status: 429, retryAfter: options.retryAfterSeconds };
      await control('POST', 'faults', { ...googlePaths[operation], ...rule, times: options.times ?? 1 });
    },
    ...sharedControls(emulator, control, googlePaths, { status: 403, reason: 'requiredAccessLevel' }),
  };
}

// ---------------------------------------------------------------------------------------------
// Microsoft Outlook (emulators/microsoft)

const graphPaths: Record<CalendarOperation, { method: string; path: string }> = {
  list: { method: 'GET', path: '/calendarView/delta$' },
  create: { method: 'POST', path: '/me/events$' },
  update: { method: 'PATCH', path: '/me/events/[^/]+$' },
  delete: { method: 'DELETE', path: '/me/events/[^/]+$' },
};

/** Graph's dateTimeTimeZone: wall time without offset, and the zone it is in (UTC unless told). */
function graphTime(instant: string, zone = 'UTC') {
  return { dateTime: wallTime(instant, zone), timeZone: zone };
}

const graphProperties = (metadata: Record<string, string>) =>
  Object.entries(metadata).map(([key, value]) => ({ id: propertyId(key), value }));

function graphEventBody(event: SeedEvent) {
  return {
    subject: event.summary,
    ...(event.description !== undefined ? { body: { contentType: 'text', content: event.description } } : {}),
    start: graphTime(event.start, event.timeZone),
    end: graphTime(event.end, event.timeZone),
    ...(event.isFree ? { showAs: 'free' } : {}),
    ...(event.metadata ? { singleValueExtendedProperties: graphProperties(event.metadata) } : {}),
  };
}

export async function startMicrosoftHarness(): Promise<CalendarHarness> {
  const { emulator, env } = await startMicrosoft();
  const control = (method: string, path: string, body?: unknown) =>
    microsoftControl(emulator, method, path, body);
  const userIds = new Map<string, string>();
  const userId = async (email: string) => {
    let id = userIds.get(email);
    if (!id) {
      id = (await control('POST', 'users', { mail: email, displayName: email.split('@')[0] })).id as string;
      userIds.set(email, id);
    }
    return id;
  };

  return {
    provider: 'microsoft',
    emulator,
    env,
    addAccount: async (email) => void (await userId(email)),
    async connect(user, email, options = {}) {
      await userId(email);
      return consentThroughMicrosoft(user, {
        email,
        decision: options.decision === 'deny' ? 'cancel' : 'accept',
      });
    },
    async seed(email, events) {
      const id = await userId(email);
      const { eventIds } = await control('POST', 'seed', {
        events: events.map((event) => ({ userId: id, ...graphEventBody(event) })),
      });
      return eventIds as string[];
    },
    async create(email, event) {
      return (await control('POST', `users/${await userId(email)}/events`, graphEventBody(event)))
        .id as string;
    },
    async edit(email, eventId, edit) {
      await control('PATCH', `users/${await userId(email)}/events/${eventId}`, {
        ...(edit.summary !== undefined ? { subject: edit.summary } : {}),
        ...(edit.description !== undefined
          ? { body: { contentType: 'text', content: edit.description } }
          : {}),
        ...(edit.start ? { start: graphTime(edit.start) } : {}),
        ...(edit.end ? { end: graphTime(edit.end) } : {}),
        // A PATCH merges single-value extended properties by id (singlevaluelegacyextendedproperty-post).
        ...(edit.metadata ? { singleValueExtendedProperties: graphProperties(edit.metadata) } : {}),
      });
    },
    async remove(email, eventId) {
      await control('DELETE', `users/${await userId(email)}/events/${eventId}`);
    },
    async events(email) {
      // The control API renders events in UTC with every extended property.
      const { value } = await control('GET', `users/${await userId(email)}/events`);
      return (
        value as {
          id: string;
          subject?: string;
          body?: { content?: string };
          start: { dateTime: string; timeZone: string };
          end: { dateTime: string; timeZone: string };
          singleValueExtendedProperties?: { id: string; value: string }[];
        }[]
      ).map((e) => ({
        id: e.id,
        summary: e.subject ?? null,
        description: e.body?.content || null,
        start: utcInstant(e.start),
        end: utcInstant(e.end),
        metadata: metadataOf(e),
      }));
    },
    async revokeAccess(email) {
      // Like the user removing the app in their account settings, with continuous access evaluation.
      await control('POST', 'revoke', { userId: await userId(email), accessTokens: true });
    },
    async expireCursors() {
      // The emulator forgets every delta token at once (there is one mailbox store).
      await control('POST', 'expire-delta-tokens');
    },
    async throttle(operation, options) {
      // throttling.md: 429 TooManyRequests, with Retry-After — or without it for some limits.
      await control('POST', 'faults', {
        ...graphPaths[operation],
        status: 429,
        ...(options.retryAfterSeconds === undefined ? {} : { retryAfter: options.retryAfterSeconds }),
        times: options.times ?? 1,
      });
    },
    ...sharedControls(emulator, control, graphPaths, { status: 403, reason: 'ErrorAccessDenied' }),
  };
}

function utcInstant(value: { dateTime: string; timeZone: string }): Date {
  if (value.timeZone !== 'UTC')
    throw new Error(`expected a UTC time from the emulator, got ${value.timeZone}`);
  return new Date(`${value.dateTime.replace(/(\.\d{3})\d*$/, '$1')}Z`);
}

// ---------------------------------------------------------------------------------------------
// Notifications reaching the app

export interface NotificationRelay {
  /** Where providers can reach the app: use it as PUBLIC_URL. */
  url: string;
  /** The app requests are forwarded to (through `app.inject`, so every hook and route runs). */
  attach(app: App): void;
  close(): Promise<void>;
}

/**
 * A real HTTP address for an app that tests drive with `app.inject`: emulators post push
 * notifications (Google channels, Graph subscriptions and their validation handshake) to it,
 * and each request is handed to the app unchanged. Start it before the app, pass its URL as
 * `PUBLIC_URL` (and the test client's origin as `ALLOWED_ORIGINS`), then `attach` the app.
 */
export async function startNotificationRelay(): Promise<NotificationRelay> {
  let target: App | null = null;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (!target) {
        response.writeHead(503).end();
        return;
      }
      const headers: IncomingHttpHeaders = { ...request.headers };
      target
        .inject({
          method: request.method as 'POST',
          url: request.url ?? '/',
          headers: headers as Record<string, string>,
          payload: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        })
        .then((answer) => {
          const contentType = answer.headers['content-type'];
          response.writeHead(answer.statusCode, contentType ? { 'content-type': String(contentType) } : {});
          response.end(answer.rawPayload);
        })
        .catch(() => response.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attach: (app) => {
      target = app;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
