import { z } from 'zod';
import { localParts } from '../../domain/time-zone.ts';
import type { EventDraft, ExternalEvent } from '../provider.ts';
import { isIanaZone, zonedDateTimeToInstant } from '../zoned-date-time.ts';
import { metadataOf, propertyId, readableKeys } from './microsoft-metadata.ts';

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().nullish() });

/** What we read of a Graph event (resources/event.md); everything else is ignored. */
export const graphEventSchema = z.object({
  id: z.string(),
  '@removed': z.object({ reason: z.string().optional() }).optional(),
  subject: z.string().nullish(),
  body: z.object({ contentType: z.string().nullish(), content: z.string().nullish() }).nullish(),
  location: z.object({ displayName: z.string().nullish() }).nullish(),
  start: dateTimeTimeZone.nullish(),
  end: dateTimeTimeZone.nullish(),
  originalStartTimeZone: z.string().nullish(),
  isAllDay: z.boolean().nullish(),
  isCancelled: z.boolean().nullish(),
  showAs: z.string().nullish(),
  changeKey: z.string().nullish(),
  lastModifiedDateTime: z.string().nullish(),
  transactionId: z.string().nullish(),
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string().nullish() })).nullish(),
});
export type GraphEvent = z.infer<typeof graphEventSchema>;

const utcNames =
  /^(utc|gmt|etc\/utc|etc\/gmt|coordinated universal time|greenwich standard time|utc\+00:00)$/i;

/**
 * A Graph dateTimeTimeZone as an instant. `dateTime` has no offset ("2026-01-20T10:00:00.0000000"):
 * it is wall time in `timeZone`. We ask for UTC (`Prefer: outlook.timezone="UTC"`), so it is
 * normally read as UTC; an IANA zone is converted; an offset, if one is ever present, wins.
 */
export function instantOf(
  value: { dateTime: string; timeZone?: string | null } | null | undefined,
): Date | null {
  if (!value) return null;
  const zone = value.timeZone?.trim() || 'UTC';
  return zonedDateTimeToInstant(value.dateTime, utcNames.test(zone) ? 'UTC' : zone);
}

const validDate = (ms: number) => (Number.isNaN(ms) ? null : new Date(ms));

/**
 * The zone the event was written in, when it is an IANA id (Outlook clients may write Windows
 * names such as "Romance Standard Time", which our appointments cannot use: those read as none).
 */
function ianaZoneOf(event: GraphEvent): string | null {
  const zone = event.originalStartTimeZone ?? event.start?.timeZone ?? null;
  if (!zone || utcNames.test(zone)) return zone ? 'UTC' : null;
  return isIanaZone(zone) ? zone : null;
}

function textOf(body: GraphEvent['body']): string | null {
  const content = body?.content;
  if (!content) return null;
  if (body?.contentType?.toLowerCase() !== 'html') return content;
  return (
    content
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .trim() || null
  );
}

/** Graph's event in the engine's terms. `@removed` (delta) and `isCancelled` both mean cancelled. */
export function fromGraphEvent(event: GraphEvent): ExternalEvent {
  if (event['@removed']) {
    return {
      id: event.id,
      isCancelled: true,
      start: null,
      end: null,
      isAllDay: false,
      timeZone: null,
      summary: null,
      description: null,
      location: null,
      version: null,
      updatedAt: null,
      metadata: {},
      isFree: false,
    };
  }
  return {
    id: event.id,
    isCancelled: event.isCancelled === true,
    start: instantOf(event.start),
    end: instantOf(event.end),
    isAllDay: event.isAllDay === true,
    timeZone: ianaZoneOf(event),
    summary: event.subject ?? null,
    description: textOf(event.body),
    location: event.location?.displayName || null,
    version: event.changeKey ?? null,
    updatedAt: event.lastModifiedDateTime ? validDate(Date.parse(event.lastModifiedDateTime)) : null,
    metadata: metadataOf(event),
    isFree: event.showAs?.toLowerCase() === 'free',
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall time of an instant in a zone, as Graph's offset-less `dateTime`. */
function wallTime(instant: Date, zone: string): string {
  const p = localParts(instant.getTime(), zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * Our fields of an event as Graph takes them. Times are written as wall time in the
 * appointment's own zone, so Outlook shows the event in that zone. On updates, keys the draft
 * no longer has are written empty (a PATCH merges extended properties by id and cannot drop one).
 */
export function toGraphEvent(draft: EventDraft, options: { clearMissingKeys?: boolean } = {}) {
  const zone = isIanaZone(draft.timeZone) ? draft.timeZone : 'UTC';
  const properties = Object.entries(draft.metadata).map(([key, value]) => ({ id: propertyId(key), value }));
  if (options.clearMissingKeys) {
    for (const key of readableKeys) {
      if (!(key in draft.metadata)) properties.push({ id: propertyId(key), value: '' });
    }
  }
  return {
    subject: draft.summary,
    body: { contentType: 'text', content: draft.description ?? '' },
    location: { displayName: draft.location ?? '' },
    start: { dateTime: wallTime(draft.start, zone), timeZone: zone },
    end: { dateTime: wallTime(draft.end, zone), timeZone: zone },
    singleValueExtendedProperties: properties,
  };
}
