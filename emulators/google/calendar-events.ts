import { GoogleApiError, invalidField } from './errors.ts';
import { eventTimeToMs } from './event-time.ts';
import { base32hexId, type Calendar, type GoogleEmulatorState, type StoredEvent } from './state.ts';

/**
 * The event operations (insert, patch, update, delete), shared by the emulated API and the
 * control API's "upstream edit" routes. Every change gets a new etag, `updated`, a change number
 * for incremental sync, and tells the channels watching the calendar.
 */

/** Fields the server owns; clients may send them back (e.g. a full GET-modify-PUT) and they are ignored. */
const READ_ONLY_FIELDS = [
  'kind',
  'etag',
  'id',
  'status',
  'htmlLink',
  'created',
  'updated',
  'creator',
  'sequence',
  'hangoutLink',
  'recurringEventId',
] as const;

/** Fields whose change is a "significant" change that bumps `sequence` (RFC 5545 SEQUENCE semantics). */
const SCHEDULING_FIELDS = ['start', 'end', 'recurrence', 'location'] as const;

/** base32hex, 5 to 1024 characters (discovery doc, Event.id). */
const CLIENT_EVENT_ID = /^[a-v0-9]{5,1024}$/;

export interface ChangeOptions {
  /** Bulk seeding notifies once per call, not once per event. */
  notify?: boolean;
}

function writableFields(body: Record<string, unknown>): Record<string, unknown> {
  const resource = { ...body };
  for (const field of READ_ONLY_FIELDS) delete resource[field];
  return resource;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Patch semantics as Google applies them: objects merge key by key (so
 * `extendedProperties.private` keeps the keys not sent), arrays are replaced, `null` clears a field.
 */
export function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (isPlainObject(value) && isPlainObject(merged[key])) {
      merged[key] = mergePatch(merged[key] as Record<string, unknown>, value);
    } else merged[key] = value;
  }
  return merged;
}

function etagFor(updated: number, changeSeq: number): string {
  // Same look as Google's etags: a quoted 16-digit number ("3181161784712000").
  return `"${updated * 1000 + (changeSeq % 1000)}"`;
}

function applyTimes(calendar: Calendar, resource: Record<string, unknown>) {
  const startMs = eventTimeToMs(resource.start, 'start', calendar.timeZone);
  const endMs = eventTimeToMs(resource.end, 'end', calendar.timeZone);
  if (endMs < startMs) throw invalidField('invalid', 'The specified time range is empty.');
  return { startMs, endMs };
}

function recordChange(
  state: GoogleEmulatorState,
  calendar: Calendar,
  event: StoredEvent,
  options: ChangeOptions,
) {
  const now = state.clock.now();
  event.changeSeq = state.nextChangeSeq();
  event.updated = Math.max(now, event.updated);
  event.etag = etagFor(event.updated, event.changeSeq);
  calendar.changeLog.push({ seq: event.changeSeq, eventId: event.id });
  calendar.updated = event.updated;
  if (options.notify !== false) state.onCalendarChanged(calendar);
}

export function insertEvent(
  state: GoogleEmulatorState,
  calendar: Calendar,
  body: Record<string, unknown>,
  options: ChangeOptions = {},
): StoredEvent {
  const requestedId = typeof body.id === 'string' ? body.id : undefined;
  if (requestedId !== undefined && !CLIENT_EVENT_ID.test(requestedId)) {
    throw invalidField('invalid', 'Invalid resource id value.');
  }
  // 409 duplicate also for a deleted event: its id stays taken (errors guide, 409).
  if (requestedId && calendar.events.has(requestedId)) throw new GoogleApiError(409, 'duplicate');
  const resource = writableFields(body);
  const times = applyTimes(calendar, resource);
  const id = requestedId ?? base32hexId();
  if (typeof resource.iCalUID !== 'string') resource.iCalUID = `${id}@google.com`;
  const now = state.clock.now();
  const event: StoredEvent = {
    id,
    resource,
    status: body.status === 'tentative' ? 'tentative' : 'confirmed',
    created: now,
    updated: now,
    sequence: typeof body.sequence === 'number' ? body.sequence : 0,
    etag: '',
    changeSeq: 0,
    ...times,
    position: calendar.order.length,
  };
  calendar.events.set(id, event);
  calendar.order.push(event);
  recordChange(state, calendar, event, options);
  return event;
}

function replaceResource(
  state: GoogleEmulatorState,
  calendar: Calendar,
  event: StoredEvent,
  next: Record<string, unknown>,
  status: unknown,
  options: ChangeOptions,
) {
  if (event.status === 'cancelled' && status !== 'confirmed' && status !== 'tentative') {
    // Modifying a deleted event without reviving it: Google answers 410 deleted (errors guide, 410).
    throw new GoogleApiError(410, 'deleted');
  }
  const resource = writableFields(next);
  if (typeof resource.iCalUID !== 'string') resource.iCalUID = event.resource.iCalUID;
  const times = applyTimes(calendar, resource);
  const isSignificant = SCHEDULING_FIELDS.some(
    (field) => JSON.stringify(resource[field]) !== JSON.stringify(event.resource[field]),
  );
  if (isSignificant) event.sequence += 1;
  event.resource = resource;
  event.startMs = times.startMs;
  event.endMs = times.endMs;
  if (status === 'cancelled') event.status = 'cancelled';
  else if (status === 'tentative' || status === 'confirmed') event.status = status;
  recordChange(state, calendar, event, options);
  return event;
}

export function patchEvent(
  state: GoogleEmulatorState,
  calendar: Calendar,
  event: StoredEvent,
  patch: Record<string, unknown>,
  options: ChangeOptions = {},
): StoredEvent {
  const next = mergePatch(event.resource, writableFields(patch));
  return replaceResource(state, calendar, event, next, patch.status, options);
}

export function updateEvent(
  state: GoogleEmulatorState,
  calendar: Calendar,
  event: StoredEvent,
  body: Record<string, unknown>,
  options: ChangeOptions = {},
): StoredEvent {
  return replaceResource(state, calendar, event, body, body.status ?? 'confirmed', options);
}

/** Deleting keeps the event as `cancelled`, so incremental sync and `get` still see it (A1, Event.status). */
export function deleteEvent(
  state: GoogleEmulatorState,
  calendar: Calendar,
  event: StoredEvent,
  options: ChangeOptions = {},
): void {
  if (event.status === 'cancelled') throw new GoogleApiError(410, 'deleted');
  event.status = 'cancelled';
  event.sequence += 1;
  recordChange(state, calendar, event, options);
}

export function findEvent(calendar: Calendar, eventId: string): StoredEvent {
  const event = calendar.events.get(eventId);
  if (!event) throw new GoogleApiError(404, 'notFound');
  return event;
}
