import { GoogleApiError, invalidParameter } from './errors.ts';
import { cancelledEventStub, fullEventResource } from './event-resource.ts';
import { parseRfc3339Parameter } from './event-time.ts';
import {
  decodePageToken,
  decodeSyncToken,
  encodePageToken,
  encodeSyncToken,
  type PageCursor,
} from './list-tokens.ts';
import type { Calendar, GoogleEmulatorState, StoredEvent } from './state.ts';

/** events.list (discovery doc, PROVIDERS.md A1). */

export type ListQuery = Record<string, string | string[] | undefined>;

const DEFAULT_PAGE_SIZE = 250;
/** "The page size can never be larger than 2500 events": larger values are capped, not refused. */
const MAX_PAGE_SIZE = 2500;

/** "There are several query parameters that cannot be specified together with nextSyncToken" (A1). */
const NOT_ALLOWED_WITH_SYNC_TOKEN = [
  'iCalUID',
  'orderBy',
  'privateExtendedProperty',
  'q',
  'sharedExtendedProperty',
  'timeMin',
  'timeMax',
  'updatedMin',
];

function single(query: ListQuery, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

function many(query: ListQuery, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function parseBoolean(query: ListQuery, name: string): boolean | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidParameter(name, `Invalid value '${value}'. Values must be true or false.`);
}

function parseMaxResults(query: ListQuery): number {
  const value = single(query, 'maxResults');
  if (value === undefined) return DEFAULT_PAGE_SIZE;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1) {
    throw invalidParameter(
      'maxResults',
      `Invalid value '${value}'. Values must be within the range: [1, 2500]`,
    );
  }
  return Math.min(size, MAX_PAGE_SIZE);
}

function parsePropertyConstraints(query: ListQuery, name: string): [string, string][] {
  return many(query, name).map((constraint) => {
    const at = constraint.indexOf('=');
    if (at <= 0) throw invalidParameter(name, `Invalid value '${constraint}'.`);
    return [constraint.slice(0, at), constraint.slice(at + 1)];
  });
}

function propertiesMatch(event: StoredEvent, scope: 'private' | 'shared', constraints: [string, string][]) {
  if (constraints.length === 0) return true;
  const props = (event.resource.extendedProperties as Record<string, Record<string, string>> | undefined)?.[
    scope
  ];
  // Repeated constraints must all hold (AND), per the discovery doc.
  return constraints.every(([key, value]) => props?.[key] === value);
}

function textMatches(event: StoredEvent, q: string): boolean {
  const needle = q.toLowerCase();
  return ['summary', 'description', 'location'].some((field) => {
    const value = event.resource[field];
    return typeof value === 'string' && value.toLowerCase().includes(needle);
  });
}

function buildFilter(query: ListQuery, isIncremental: boolean) {
  const showDeleted = parseBoolean(query, 'showDeleted') ?? false;
  const timeMin = parseRfc3339Parameter('timeMin', single(query, 'timeMin'));
  const timeMax = parseRfc3339Parameter('timeMax', single(query, 'timeMax'));
  const updatedMin = parseRfc3339Parameter('updatedMin', single(query, 'updatedMin'));
  if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin) {
    throw new GoogleApiError(400, 'timeRangeEmpty');
  }
  const privateProps = parsePropertyConstraints(query, 'privateExtendedProperty');
  const sharedProps = parsePropertyConstraints(query, 'sharedExtendedProperty');
  const q = single(query, 'q');
  const iCalUID = single(query, 'iCalUID');
  // Cancelled events appear on incremental sync, with updatedMin, or with showDeleted (A1, Event.status).
  const includeCancelled = isIncremental || showDeleted || updatedMin !== undefined;
  return (event: StoredEvent): boolean => {
    if (event.status === 'cancelled' && !includeCancelled) return false;
    // timeMin bounds the END, timeMax the START, both exclusive (discovery doc).
    if (timeMin !== undefined && !(event.endMs > timeMin)) return false;
    if (timeMax !== undefined && !(event.startMs < timeMax)) return false;
    if (updatedMin !== undefined && event.updated < updatedMin) return false;
    if (!propertiesMatch(event, 'private', privateProps)) return false;
    if (!propertiesMatch(event, 'shared', sharedProps)) return false;
    if (q !== undefined && !textMatches(event, q)) return false;
    if (iCalUID !== undefined && event.resource.iCalUID !== iCalUID) return false;
    return true;
  };
}

function validateCombinations(query: ListQuery) {
  const hasSyncToken = single(query, 'syncToken') !== undefined;
  if (hasSyncToken) {
    for (const name of NOT_ALLOWED_WITH_SYNC_TOKEN) {
      if (query[name] !== undefined) {
        throw invalidParameter(name, `The parameter ${name} cannot be used together with syncToken.`);
      }
    }
    // "it is not allowed to set showDeleted to False" with a sync token (A1, syncToken).
    if (single(query, 'showDeleted') === 'false') {
      throw invalidParameter('showDeleted', 'showDeleted=false cannot be used together with syncToken.');
    }
  }
  const orderBy = single(query, 'orderBy');
  if (orderBy !== undefined && orderBy !== 'startTime' && orderBy !== 'updated') {
    throw invalidParameter('orderBy', `Invalid value '${orderBy}'.`);
  }
  // orderBy=startTime only with singleEvents=true (A1; body as in googleworkspace/java-samples#52).
  if (orderBy === 'startTime' && single(query, 'singleEvents') !== 'true') {
    throw invalidParameter('orderBy', 'The requested ordering is not available for the particular query.');
  }
}

/** First change-log index whose change number is above `seq` (binary search: the log is in change order). */
function firstChangeAfter(calendar: Calendar, seq: number): number {
  let low = 0;
  let high = calendar.changeLog.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (calendar.changeLog[mid]!.seq <= seq) low = mid + 1;
    else high = mid;
  }
  return low;
}

function startCursor(state: GoogleEmulatorState, calendar: Calendar, query: ListQuery): PageCursor {
  const pageToken = single(query, 'pageToken');
  if (pageToken !== undefined) {
    const cursor = decodePageToken(pageToken);
    if (!cursor) throw invalidParameter('pageToken', 'Invalid page token value.');
    return cursor;
  }
  const syncToken = single(query, 'syncToken');
  if (syncToken !== undefined) {
    const sync = decodeSyncToken(syncToken);
    if (!sync || sync.calendarId !== calendar.id || sync.generation !== calendar.syncGeneration) {
      throw new GoogleApiError(410, 'fullSyncRequired');
    }
    return { mode: 'log', index: firstChangeAfter(calendar, sync.seq), watermark: state.changeSeq };
  }
  const mode = single(query, 'orderBy') ? 'sorted' : 'order';
  return { mode, index: 0, watermark: state.changeSeq };
}

/** Walks the candidates from the cursor, yielding [index, event] pairs that pass the filter. */
function* candidates(
  calendar: Calendar,
  cursor: PageCursor,
  query: ListQuery,
  accept: (e: StoredEvent) => boolean,
) {
  if (cursor.mode === 'order') {
    for (let i = cursor.index; i < calendar.order.length; i++) {
      const event = calendar.order[i]!;
      if (accept(event)) yield [i, event] as const;
    }
    return;
  }
  if (cursor.mode === 'log') {
    for (let i = cursor.index; i < calendar.changeLog.length; i++) {
      const entry = calendar.changeLog[i]!;
      if (entry.seq > cursor.watermark) return;
      const event = calendar.events.get(entry.eventId);
      // Only an event's latest change counts; changes after the watermark wait for the next sync.
      if (event && event.changeSeq === entry.seq && accept(event)) yield [i, event] as const;
    }
    return;
  }
  const byUpdated = single(query, 'orderBy') === 'updated';
  const sorted = calendar.order
    .filter(accept)
    .sort((a, b) => (byUpdated ? a.updated - b.updated : a.startMs - b.startMs) || a.position - b.position);
  for (let i = cursor.index; i < sorted.length; i++) yield [i, sorted[i]!] as const;
}

export function listEvents(state: GoogleEmulatorState, calendar: Calendar, query: ListQuery, viewer: string) {
  validateCombinations(query);
  const pageSize = parseMaxResults(query);
  const cursor = startCursor(state, calendar, query);
  const isIncremental = cursor.mode === 'log';
  const accept = buildFilter(query, isIncremental);
  const items: Record<string, unknown>[] = [];
  let nextIndex: number | undefined;
  for (const [index, event] of candidates(calendar, cursor, query, accept)) {
    if (items.length === pageSize) {
      nextIndex = index;
      break;
    }
    items.push(
      event.status === 'cancelled' ? cancelledEventStub(event) : fullEventResource(calendar, event, viewer),
    );
  }
  const page: Record<string, unknown> = {
    kind: 'calendar#events',
    etag: `"${calendar.updated * 1000}"`,
    summary: calendar.summary,
    description: '',
    updated: new Date(calendar.updated).toISOString(),
    timeZone: calendar.timeZone,
    accessRole: calendar.owner === viewer ? 'owner' : 'writer',
    defaultReminders: [],
  };
  // nextPageToken and nextSyncToken exclude each other; the sync token comes on the last page only (A1).
  if (nextIndex !== undefined) {
    page.nextPageToken = encodePageToken({ ...cursor, index: nextIndex });
  } else {
    page.nextSyncToken = encodeSyncToken({
      calendarId: calendar.id,
      generation: calendar.syncGeneration,
      seq: cursor.watermark,
    });
  }
  page.items = items;
  return page;
}
