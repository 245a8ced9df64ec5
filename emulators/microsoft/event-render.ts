import { FIELD_DEFAULTS } from './event-input.ts';
import type { StoredEvent } from './event-store.ts';
import { graphTimestamp } from './ids.ts';
import { instantToWallTime } from './time-zones.ts';
import type { EmulatedUser } from './users.ts';

export interface RenderOptions {
  /** Zone for start/end: the `Prefer: outlook.timezone` value, UTC by default. */
  zone: { name: string; iana: string };
  user: EmulatedUser;
  /** When set, `singleValueExtendedProperties` is expanded with the properties this predicate keeps. */
  expandExtended?: (id: string) => boolean;
  /** `$select`: only these properties (plus id and @odata.etag, which Graph always sends). */
  select?: string[];
  /** Delta items carry `@odata.type` (graph-calendarview-delta-*.docs.json). */
  withODataType?: boolean;
}

function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An event as Graph v1.0 serialises it (resources/event.md); extended properties only on $expand. */
export function renderEvent(event: StoredEvent, options: RenderOptions): Record<string, unknown> {
  const f = { ...FIELD_DEFAULTS, ...event.fields };
  const body = f.body as { contentType?: string; content?: string };
  const { user, zone } = options;
  const organizer = { emailAddress: { name: user.displayName, address: user.mail } };
  const full: Record<string, unknown> = {
    '@odata.etag': `W/"${event.changeKey}"`,
    id: event.id,
    createdDateTime: graphTimestamp(event.createdMs),
    lastModifiedDateTime: graphTimestamp(event.lastModifiedMs),
    changeKey: event.changeKey,
    categories: f.categories,
    transactionId: event.transactionId,
    originalStartTimeZone: event.startZone,
    originalEndTimeZone: event.endZone,
    iCalUId: event.iCalUId,
    reminderMinutesBeforeStart: f.reminderMinutesBeforeStart,
    isReminderOn: f.isReminderOn,
    hasAttachments: false,
    subject: f.subject,
    bodyPreview: stripHtml(body.content ?? '').slice(0, 255),
    importance: f.importance,
    sensitivity: f.sensitivity,
    isAllDay: f.isAllDay,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: f.responseRequested,
    seriesMasterId: null,
    showAs: f.showAs,
    type: 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: f.isOnlineMeeting,
    onlineMeetingProvider: f.onlineMeetingProvider,
    allowNewTimeProposals: f.allowNewTimeProposals,
    isDraft: false,
    hideAttendees: f.hideAttendees,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: { contentType: body.contentType ?? 'html', content: body.content ?? '' },
    start: { dateTime: instantToWallTime(event.startMs, zone.iana), timeZone: zone.name },
    end: { dateTime: instantToWallTime(event.endMs, zone.iana), timeZone: zone.name },
    location: f.location,
    locations: f.locations,
    recurrence: f.recurrence,
    attendees: (f.attendees as Array<Record<string, unknown>>).map(renderAttendee),
    organizer,
    onlineMeeting: null,
  };
  if (options.expandExtended) {
    const keep = options.expandExtended;
    const matching = event.extendedProperties.filter((p) => keep(p.id));
    // Graph leaves the navigation property out when no property matches the expand filter.
    if (matching.length > 0) full.singleValueExtendedProperties = matching.map((p) => ({ ...p }));
  }
  const rendered = options.select ? pick(full, options.select) : full;
  return options.withODataType ? { '@odata.type': '#microsoft.graph.event', ...rendered } : rendered;
}

function renderAttendee(attendee: Record<string, unknown>): Record<string, unknown> {
  return {
    type: attendee.type ?? 'required',
    status: attendee.status ?? { response: 'none', time: '0001-01-01T00:00:00Z' },
    emailAddress: attendee.emailAddress,
  };
}

function pick(full: Record<string, unknown>, select: string[]): Record<string, unknown> {
  const keep = new Set(['@odata.etag', 'id', ...select, 'singleValueExtendedProperties']);
  return Object.fromEntries(Object.entries(full).filter(([key]) => keep.has(key)));
}
