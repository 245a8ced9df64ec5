/**
 * Writing iCalendar (RFC 5545) text: escaping of TEXT values, line folding at 75 octets and
 * UTC date-times. Pure functions; the feed decides what goes in, this decides how it is spelled.
 */

const CRLF = '\r\n';
const maxLineOctets = 75;

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, any line break as
 * `\n`. Other control characters are not allowed in TEXT and are dropped.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: TEXT forbids them; this is where they are removed
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
  );
}

/**
 * Folds a content line (RFC 5545 §3.1): at most 75 octets per physical line, continuation
 * lines start with one space, and a multi-octet UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > maxLineOctets) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** A UTC DATE-TIME (`20300108T080000Z`, RFC 5545 §3.3.5 form #2). */
export function icsDateTime(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface IcsEvent {
  uid: string;
  /** When the event's information was last revised (DTSTAMP in an object without METHOD). */
  stamp: Date;
  created: Date;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  status: 'CONFIRMED' | 'TENTATIVE';
}

export interface IcsCalendar {
  name: string;
  /** How often subscribers should fetch again (RFC 7986 REFRESH-INTERVAL, and Outlook's TTL). */
  refreshMinutes: number;
  events: IcsEvent[];
}

/** A property line with a TEXT value, or nothing when the value is empty. */
function text(name: string, value: string | null | undefined): string[] {
  return value ? [`${name}:${escapeText(value)}`] : [];
}

function eventLines(event: IcsEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${icsDateTime(event.stamp)}`,
    `CREATED:${icsDateTime(event.created)}`,
    `LAST-MODIFIED:${icsDateTime(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART:${icsDateTime(event.start)}`,
    `DTEND:${icsDateTime(event.end)}`,
    ...text('SUMMARY', event.summary),
    ...text('DESCRIPTION', event.description),
    ...text('LOCATION', event.location),
    // URI values are not TEXT: no escaping, and only well-formed web addresses are written.
    ...(event.url ? [`URL:${event.url}`] : []),
    `STATUS:${event.status}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** The whole VCALENDAR object, CRLF line ends, every line folded. */
export function renderCalendar(calendar: IcsCalendar): string {
  const ttl = `PT${calendar.refreshMinutes}M`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Rendezvous//Appointments feed//EN',
    'CALSCALE:GREGORIAN',
    ...text('NAME', calendar.name),
    ...text('X-WR-CALNAME', calendar.name),
    `REFRESH-INTERVAL;VALUE=DURATION:${ttl}`,
    `X-PUBLISHED-TTL:${ttl}`,
    ...calendar.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
