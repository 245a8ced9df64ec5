import { invalidField, invalidParameter } from './errors.ts';
import type { EventDateTime } from './state.ts';

/**
 * Event times (discovery doc, EventDateTime): `date` (yyyy-mm-dd, all-day), or `dateTime`
 * (RFC3339; the offset may be left out only when `timeZone` is given).
 */

const RFC3339_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept. */
function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Zones that are UTC by name: no formatter needed (most calendars here, and every page of the benchmarks). */
const utcNames = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT']);

/** Offset of `timeZone` at the given UTC instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  if (utcNames.has(timeZone)) return 0;
  const parts = wallClockFormatter(timeZone).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Wall-clock time in a zone → UTC ms (two passes settle DST transitions). */
export function zonedToUtcMs(wallClockAsUtcMs: number, timeZone: string): number {
  let guess = wallClockAsUtcMs - zoneOffsetMs(wallClockAsUtcMs, timeZone);
  guess = wallClockAsUtcMs - zoneOffsetMs(guess, timeZone);
  return guess;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    wallClockFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant an EventDateTime stands for. All-day dates are midnight in the calendar's time zone.
 * Throws Google's 400 for the shapes Google rejects.
 */
export function eventTimeToMs(value: unknown, which: 'start' | 'end', calendarTimeZone: string): number {
  if (!value || typeof value !== 'object') throw invalidField('required', `Missing ${which} time.`);
  const time = value as EventDateTime;
  if (time.timeZone !== undefined && !isValidTimeZone(time.timeZone)) {
    throw invalidField('invalid', `Invalid time zone definition for ${which} time.`);
  }
  if (time.date && time.dateTime) throw invalidField('invalid', `Invalid ${which} time.`);
  if (time.date) {
    const match = DATE_ONLY.exec(time.date);
    if (!match) throw invalidField('invalid', `Invalid ${which} time.`);
    const wallClock = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return zonedToUtcMs(wallClock, calendarTimeZone);
  }
  if (time.dateTime) {
    if (RFC3339_WITH_OFFSET.test(time.dateTime)) return Date.parse(time.dateTime);
    const match = LOCAL_DATE_TIME.exec(time.dateTime);
    if (!match) throw invalidField('invalid', `Invalid ${which} time.`);
    if (!time.timeZone) throw invalidField('required', `Missing time zone definition for ${which} time.`);
    const [, y, mo, d, h, mi, s] = match;
    const wallClock = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
    return zonedToUtcMs(wallClock, time.timeZone);
  }
  throw invalidField('required', `Missing ${which} time.`);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** An instant as RFC3339 with the offset of `timeZone` at that instant ("Z" for UTC). */
export function formatRfc3339InZone(utcMs: number, timeZone: string): string {
  const offsetMs = zoneOffsetMs(utcMs, timeZone);
  const wall = new Date(Math.floor(utcMs / 1000) * 1000 + offsetMs);
  const date = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  if (offsetMs === 0) return `${date}T${time}Z`;
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${date}T${time}${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * An EventDateTime as Google serves it: `dateTime` is always RFC3339 with an offset, written in
 * the time zone of the response — the calendar's unless the request names one (events.list/get
 * `timeZone`: "Time zone used in the response. Optional. The default is the time zone of the
 * calendar.", discovery doc A1); recorded pages show it so (`2008-09-24T10:30:00-07:00` in
 * google-events-list-extendedProperties-syncToken.northworld.json). The event's own `timeZone`
 * is kept as written; `date` (all-day) is served unchanged.
 */
export function renderEventDateTime(value: unknown, which: 'start' | 'end', calendarTimeZone: string) {
  if (!value || typeof value !== 'object') return value;
  const time = value as EventDateTime;
  if (!time.dateTime) return time;
  const utcMs = eventTimeToMs(time, which, calendarTimeZone);
  return { ...time, dateTime: formatRfc3339InZone(utcMs, calendarTimeZone) };
}

/** timeMin/timeMax/updatedMin: RFC3339 with a mandatory offset (discovery doc). */
export function parseRfc3339Parameter(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!RFC3339_WITH_OFFSET.test(value)) throw invalidParameter(name, `Bad Request`);
  return Date.parse(value);
}
