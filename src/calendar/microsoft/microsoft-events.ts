import { createHash } from 'node:crypto';
import { CursorExpiredError, DuplicateEventError, EventGoneError } from '../errors.ts';
import type { ChangePageHandler, ChangeSet, EventDraft, ExternalEvent } from '../provider.ts';
import { type GraphClient, graphFetch } from './graph-request.ts';
import {
  fromGraphEvent,
  type GraphEvent,
  graphEventSchema,
  toGraphEvent,
} from './microsoft-event-mapping.ts';
import {
  expandOurProperties,
  idempotencyKeyProperty,
  propertyEquals,
  propertyId,
} from './microsoft-metadata.ts';
import { metadataReader, readMicrosoftEvent, readPreferences } from './microsoft-metadata-reader.ts';

/**
 * The window a delta read covers (calendarView delta needs one, fixed in its tokens): a month
 * back, a year ahead. The cursor records the window's end; once less than `rollAfterMs` of
 * future is left in it, listChanges answers CursorExpiredError so the engine re-reads a fresh
 * window — otherwise bookings made far ahead would, months later, fall outside every read.
 */
const windowBackMs = 30 * 86_400_000;
const windowAheadMs = 365 * 86_400_000;
const rollAfterMs = 30 * 86_400_000;
/** Events per delta page (`Prefer: odata.maxpagesize`; event-delta.md). */
const pageSize = 500;

const cursorPrefix = 'graph-delta:v1:';

export function encodeDeltaCursor(windowEnd: Date, deltaLink: string): string {
  return `${cursorPrefix}${windowEnd.getTime()} ${deltaLink}`;
}

function decodeDeltaCursor(cursor: string): { windowEndMs: number; deltaLink: string } | null {
  if (!cursor.startsWith(cursorPrefix)) return null;
  const [end, link] = cursor.slice(cursorPrefix.length).split(' ');
  const windowEndMs = Number(end);
  return Number.isFinite(windowEndMs) && link ? { windowEndMs, deltaLink: link } : null;
}

interface DeltaPage {
  value?: unknown[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/**
 * Reads changes from calendarView delta: without a cursor, every event of the window; with
 * one, only what changed since (`@removed` items included). Pages follow `@odata.nextLink`
 * until the `@odata.deltaLink`, which becomes the next cursor. The next page is fetched while
 * the handler works on the current one. Delta pages carry no extended properties: see
 * microsoft-metadata-reader.ts for how our metadata is read alongside.
 */
export async function getMicrosoftEvents(
  client: GraphClient,
  cursor: string | null,
  onPage: ChangePageHandler,
  now = Date.now(),
): Promise<ChangeSet> {
  let first: { path: string; query?: Record<string, string> };
  let windowEndMs: number;
  if (cursor) {
    const decoded = decodeDeltaCursor(cursor);
    if (!decoded) throw new CursorExpiredError('Microsoft Graph: unreadable delta cursor');
    if (decoded.windowEndMs - now < windowAheadMs - rollAfterMs) {
      throw new CursorExpiredError('Microsoft Graph: the delta window has rolled over', 410, 'windowRolled');
    }
    first = { path: decoded.deltaLink };
    windowEndMs = decoded.windowEndMs;
  } else {
    windowEndMs = now + windowAheadMs;
    first = {
      path: '/me/calendarView/delta',
      query: {
        startDateTime: new Date(now - windowBackMs).toISOString(),
        endDateTime: new Date(windowEndMs).toISOString(),
      },
    };
  }
  const before = client.requests;
  const reader = metadataReader(client);
  const fetchPage = (request: { path: string; query?: Record<string, string> }) =>
    graphFetch<DeltaPage>(client, {
      ...request,
      headers: { prefer: `odata.maxpagesize=${pageSize}, ${readPreferences}` },
    });
  let pending = fetchPage(first);
  for (;;) {
    const page = await pending;
    const next = page['@odata.nextLink'];
    if (next) {
      pending = fetchPage({ path: next });
      // If handling fails, the prefetch must not become an unhandled rejection.
      pending.catch(() => undefined);
    }
    const items = (page.value ?? []).map((item) => graphEventSchema.parse(item));
    await onPage(await reader.enrich(dedupe(items)));
    if (!next) {
      const deltaLink = page['@odata.deltaLink'];
      return {
        nextCursor: deltaLink ? encodeDeltaCursor(new Date(windowEndMs), deltaLink) : null,
        requests: client.requests - before,
      };
    }
  }
}

/** Graph may repeat an entity within a page (delta-query-events.md): the last occurrence wins. */
function dedupe(items: GraphEvent[]): GraphEvent[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

export const getMicrosoftEvent = readMicrosoftEvent;

/** Live events from `from`, soonest first (calendarView over the next year). */
export async function listUpcomingMicrosoftEvents(client: GraphClient, from: Date, max: number) {
  const page = await graphFetch<{ value?: unknown[] }>(client, {
    path: '/me/calendarView',
    query: {
      startDateTime: from.toISOString(),
      endDateTime: new Date(from.getTime() + windowAheadMs).toISOString(),
      $orderby: 'start/dateTime',
      $top: String(max),
      $expand: expandOurProperties,
    },
    headers: { prefer: readPreferences },
  });
  return (page.value ?? [])
    .map((item) => fromGraphEvent(graphEventSchema.parse(item)))
    .filter((event) => !event.isCancelled);
}

/** A transactionId (event.md: a client value that makes a retried POST return the first event) from the key. */
export function transactionIdFor(idempotencyKey: string): string {
  return `rdv-${createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 40)}`;
}

/**
 * Creates an event with a transactionId derived from the idempotency key: a retried POST whose
 * first answer was lost gets the first event back, never a second one. If the draft changed
 * between the attempts, Graph refuses the reused transactionId (ErrorDuplicateTransactionId):
 * the event made the first time is then found by the key we also store on it, and updated.
 */
export async function createMicrosoftEvent(
  client: GraphClient,
  draft: EventDraft,
  idempotencyKey: string,
): Promise<ExternalEvent> {
  const body = {
    ...toGraphEvent(draft),
    transactionId: transactionIdFor(idempotencyKey),
  };
  body.singleValueExtendedProperties.push({ id: propertyId(idempotencyKeyProperty), value: idempotencyKey });
  try {
    const created = await graphFetch<unknown>(client, {
      method: 'POST',
      path: '/me/events',
      body,
      headers: { prefer: readPreferences },
    });
    // The POST answer has no extended properties; what we wrote is what the event carries.
    return { ...fromGraphEvent(graphEventSchema.parse(created)), metadata: { ...draft.metadata } };
  } catch (error) {
    if (!(error instanceof DuplicateEventError)) throw error;
    const existing = await findByIdempotencyKey(client, idempotencyKey);
    if (!existing) throw error;
    return updateMicrosoftEvent(client, existing, draft);
  }
}

async function findByIdempotencyKey(client: GraphClient, key: string): Promise<string | null> {
  const page = await graphFetch<{ value?: { id: string }[] }>(client, {
    path: '/me/events',
    query: {
      $filter: propertyEquals(idempotencyKeyProperty, key),
      $select: 'id',
      $top: '1',
    },
  });
  return page.value?.[0]?.id ?? null;
}

/** PATCHes our fields; with `ifMatch` (a changeKey), Graph refuses with 412 if the event changed meanwhile. */
export async function updateMicrosoftEvent(
  client: GraphClient,
  eventId: string,
  draft: EventDraft,
  ifMatch?: string,
): Promise<ExternalEvent> {
  const updated = await graphFetch<unknown>(client, {
    method: 'PATCH',
    path: `/me/events/${encodeURIComponent(eventId)}`,
    body: toGraphEvent(draft, { clearMissingKeys: true }),
    headers: {
      prefer: readPreferences,
      ...(ifMatch ? { 'if-match': /^W\/"/.test(ifMatch) ? ifMatch : `W/"${ifMatch}"` } : {}),
    },
  });
  return { ...fromGraphEvent(graphEventSchema.parse(updated)), metadata: { ...draft.metadata } };
}

/** Deleting an event that is already gone (404) counts as done. */
export async function deleteMicrosoftEvent(client: GraphClient, eventId: string): Promise<void> {
  try {
    await graphFetch(client, { method: 'DELETE', path: `/me/events/${encodeURIComponent(eventId)}` });
  } catch (error) {
    if (error instanceof EventGoneError) return;
    throw error;
  }
}
