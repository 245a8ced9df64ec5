import type { calendar_v3 } from '@googleapis/calendar';
import { localToInstant } from '../../domain/time-zone.ts';
import type { EventDraft, ExternalEvent } from '../provider.ts';
import { zonedDateTimeToInstant } from '../zoned-date-time.ts';

type GoogleEvent = calendar_v3.Schema$Event;
type GoogleDateTime = calendar_v3.Schema$EventDateTime;

/**
 * An all-day `date` starts at midnight in the event's (or calendar's) zone. A `dateTime`
 * without an offset (RFC3339 allows leaving it out when `timeZone` is given) is wall time in
 * that zone, not in the server's.
 */
function instantOf(value: GoogleDateTime | undefined, fallbackZone: string): Date | null {
  if (!value) return null;
  if (value.dateTime) return zonedDateTimeToInstant(value.dateTime, value.timeZone ?? fallbackZone);
  if (value.date) {
    const ms = localToInstant(value.date, 0, value.timeZone ?? fallbackZone);
    return ms === null ? null : new Date(ms);
  }
  return null;
}

/** Google's event in the engine's terms. Deleted events may carry only `id` and `status`. */
export function fromGoogleEvent(event: GoogleEvent, calendarZone = 'UTC'): ExternalEvent {
  return {
    id: event.id ?? '',
    isCancelled: event.status === 'cancelled',
    start: instantOf(event.start, calendarZone),
    end: instantOf(event.end, calendarZone),
    isAllDay: Boolean(event.start?.date),
    timeZone: event.start?.timeZone ?? null,
    summary: event.summary ?? null,
    description: event.description ?? null,
    location: event.location ?? null,
    version: event.etag ?? null,
    updatedAt: event.updated ? new Date(event.updated) : null,
    metadata: { ...(event.extendedProperties?.private ?? {}) } as Record<string, string>,
    isFree: event.transparency === 'transparent',
  };
}

/** Our fields of an event, as Google takes them (patch semantics keep everything else). */
export function toGoogleEvent(draft: EventDraft): GoogleEvent {
  return {
    summary: draft.summary,
    description: draft.description ?? '',
    location: draft.location ?? '',
    start: { dateTime: draft.start.toISOString(), timeZone: draft.timeZone },
    end: { dateTime: draft.end.toISOString(), timeZone: draft.timeZone },
    extendedProperties: { private: draft.metadata },
  };
}
