import { badRequest, GraphError } from './errors.ts';
import { resolveTimeZone, wallTimeToInstant } from './time-zones.ts';

export interface ExtendedProperty {
  id: string;
  value: string;
}

export interface ZonedInstant {
  ms: number;
  /** The zone name exactly as the client wrote it (Graph reports it back as originalStartTimeZone). */
  zone: string;
}

export interface EventInput {
  fields: Record<string, unknown>;
  start?: ZonedInstant;
  end?: ZonedInstant;
  extendedProperties?: ExtendedProperty[];
  transactionId?: string;
}

/** Writable event properties (resources/event.md) and the value Graph reports when they were never set. */
export const FIELD_DEFAULTS: Record<string, unknown> = {
  subject: '',
  body: { contentType: 'html', content: '' },
  importance: 'normal',
  sensitivity: 'normal',
  showAs: 'busy',
  isAllDay: false,
  isReminderOn: true,
  reminderMinutesBeforeStart: 15,
  responseRequested: true,
  allowNewTimeProposals: true,
  hideAttendees: false,
  isOnlineMeeting: false,
  onlineMeetingProvider: 'unknown',
  categories: [],
  location: {
    displayName: '',
    locationType: 'default',
    uniqueIdType: 'unknown',
    address: {},
    coordinates: {},
  },
  locations: [],
  attendees: [],
  recurrence: null,
};

/** Read-only or server-computed properties a client may echo back; Graph ignores them on write. */
const IGNORED = new Set([
  'id',
  'changeKey',
  'createdDateTime',
  'lastModifiedDateTime',
  'iCalUId',
  'type',
  'webLink',
  'bodyPreview',
  'organizer',
  'isOrganizer',
  'seriesMasterId',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'responseStatus',
  'hasAttachments',
  'onlineMeeting',
  'isCancelled',
  'isDraft',
]);

const VALIDATION_FAILED = () =>
  new GraphError(400, 'ErrorPropertyValidationFailure', 'At least one property failed validation.');

function parseZoned(value: unknown, property: string): ZonedInstant {
  const v = value as { dateTime?: unknown; timeZone?: unknown } | null;
  if (!v || typeof v.dateTime !== 'string') throw VALIDATION_FAILED();
  const zone = typeof v.timeZone === 'string' && v.timeZone !== '' ? v.timeZone : 'UTC';
  const iana = resolveTimeZone(zone);
  // Real message: microsoft-graph-docs#4758.
  if (!iana) {
    throw new GraphError(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`,
    );
  }
  const ms = wallTimeToInstant(v.dateTime, iana);
  if (Number.isNaN(ms)) {
    throw badRequest(
      `Cannot convert the literal '${v.dateTime}' to the expected type 'Edm.String' for '${property}'.`,
    );
  }
  return { ms, zone };
}

function parseExtendedProperties(value: unknown): ExtendedProperty[] {
  if (!Array.isArray(value)) throw VALIDATION_FAILED();
  return value.map((p) => {
    const prop = p as { id?: unknown; value?: unknown };
    if (typeof prop.id !== 'string' || !/^\w+\s+\{[0-9a-f-]{36}\}\s+(Name|Id)\s+\S+/i.test(prop.id)) {
      throw badRequest(`The extended property id '${String(prop.id)}' is not valid.`, 'ErrorInvalidProperty');
    }
    return { id: prop.id, value: prop.value === null || prop.value === undefined ? '' : String(prop.value) };
  });
}

/** Validates a POST/PATCH body the way Graph does: unknown properties are a RequestBodyRead error. */
export function parseEventInput(body: unknown, isCreate: boolean): EventInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('Empty Payload. JSON content expected.');
  }
  const input: EventInput = { fields: {} };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key.startsWith('@odata.') || IGNORED.has(key)) continue;
    if (key === 'start') input.start = parseZoned(value, key);
    else if (key === 'end') input.end = parseZoned(value, key);
    else if (key === 'singleValueExtendedProperties')
      input.extendedProperties = parseExtendedProperties(value);
    else if (key === 'transactionId') input.transactionId = value === null ? undefined : String(value);
    else if (key in FIELD_DEFAULTS) input.fields[key] = value;
    else {
      throw new GraphError(
        400,
        'RequestBodyRead',
        `The property '${key}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
  }
  if (isCreate && (!input.start || !input.end)) throw VALIDATION_FAILED();
  return input;
}

/** `Type {GUID} Name name`: type, GUID and keyword compare case-insensitively, the name case-sensitively. */
export function sameExtendedPropertyId(a: string, b: string): boolean {
  const split = (id: string) => {
    const m = /^(\w+)\s+(\{[0-9a-f-]{36}\})\s+(Name|Id)\s+(.+)$/i.exec(id.trim());
    return m ? [m[1].toLowerCase(), m[2].toLowerCase(), m[3].toLowerCase(), m[4]] : [id];
  };
  const [x, y] = [split(a), split(b)];
  return x.length === y.length && x.every((part, i) => part === y[i]);
}
