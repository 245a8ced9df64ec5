import { renderEventDateTime } from './event-time.ts';
import type { Calendar, StoredEvent } from './state.ts';

/**
 * How events look on the wire. Key order and defaults follow the recorded pages
 * (`google-events-sync-cancelled-instance.compass.json`, `google-events-list-*.northworld.json`).
 */

function htmlLink(calendar: Calendar, eventId: string): string {
  // Google's eid is base64 of "<eventId> <calendarId>".
  const eid = Buffer.from(`${eventId} ${calendar.id}`).toString('base64url');
  return `https://www.google.com/calendar/event?eid=${eid}`;
}

function person(email: string, viewerEmail: string) {
  return email === viewerEmail ? { email, self: true } : { email };
}

export function fullEventResource(calendar: Calendar, event: StoredEvent, viewerEmail: string) {
  const { summary, description, location, colorId, start, end, recurrence, iCalUID, organizer, ...rest } =
    event.resource;
  const resource: Record<string, unknown> = {
    kind: 'calendar#event',
    etag: event.etag,
    id: event.id,
    status: event.status,
    htmlLink: htmlLink(calendar, event.id),
    created: new Date(event.created).toISOString(),
    updated: new Date(event.updated).toISOString(),
  };
  if (summary !== undefined) resource.summary = summary;
  if (description !== undefined) resource.description = description;
  if (location !== undefined) resource.location = location;
  if (colorId !== undefined) resource.colorId = colorId;
  resource.creator = person(calendar.owner, viewerEmail);
  resource.organizer = organizer ?? person(calendar.owner, viewerEmail);
  resource.start = renderEventDateTime(start, 'start', calendar.timeZone);
  resource.end = renderEventDateTime(end, 'end', calendar.timeZone);
  if (recurrence !== undefined) resource.recurrence = recurrence;
  resource.iCalUID = iCalUID;
  resource.sequence = event.sequence;
  const { reminders, eventType, ...others } = rest;
  Object.assign(resource, others);
  resource.reminders = reminders ?? { useDefault: true };
  resource.eventType = eventType ?? 'default';
  return resource;
}

/**
 * A deleted event in a list: "Deleted events are only guaranteed to have the id field populated"
 * (A1, Event.status); a real incremental page carries just kind/etag/id/status
 * (`google-events-sync-deleted-series.compass.json`). `events.get` returns the full event instead.
 */
export function cancelledEventStub(event: StoredEvent) {
  return { kind: 'calendar#event', etag: event.etag, id: event.id, status: 'cancelled' as const };
}
