/**
 * Wall-clock ↔ instant conversions for IANA zones with Intl only (no date library): the offset
 * of a zone at an instant is read from Intl.DateTimeFormat, cached per zone because building a
 * formatter costs far more than using one.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock parts the formatter itself gives: exact, and some microseconds a call. */
function formattedParts(instantMs: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instantMs)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

const HOUR = 3_600_000;
/** Per zone, the offset in force throughout a UTC hour (keyed by hours since the epoch). */
const hourlyOffsets = new Map<string, Map<number, number>>();
/** Hours kept across all zones; past this the cache starts over (a few MB at most). */
const maxKeptHours = 200_000;
let keptHours = 0;

/**
 * Minutes east of UTC that `timeZone` observes at this instant (+60 for Paris in winter).
 * Offsets change at most at a few instants a year, always on a whole minute: the offset of a
 * UTC hour whose first and last moments agree holds for the whole hour and is kept, so that
 * availability, which asks hundreds of times per call, formats once per hour instead of once
 * per question. An hour holding a transition is always formatted.
 */
export function offsetMinutes(instantMs: number, timeZone: string): number {
  const hour = Math.floor(instantMs / HOUR);
  let zone = hourlyOffsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    hourlyOffsets.set(timeZone, zone);
  }
  const known = zone.get(hour);
  if (known !== undefined) return known;
  const exact = (ms: number) => offsetOf(formattedParts(ms, timeZone), ms);
  const first = exact(hour * HOUR);
  if (first !== exact(hour * HOUR + HOUR - 1000)) return exact(instantMs);
  if (keptHours >= maxKeptHours) {
    for (const hours of hourlyOffsets.values()) hours.clear();
    keptHours = 0;
  }
  zone.set(hour, first);
  keptHours += 1;
  return first;
}

/** The wall-clock time `timeZone` shows at this instant. */
export function localParts(instantMs: number, timeZone: string): LocalParts {
  const wall = new Date(instantMs + offsetMinutes(instantMs, timeZone) * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** The offset implied by an instant and its wall-clock parts (no second formatting). */
function offsetOf(p: LocalParts, instantMs: number): number {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/**
 * The instant at which `timeZone` shows this wall-clock time. A time that does not exist
 * (skipped by a spring-forward) answers null; an ambiguous one (repeated by a fall-back) answers
 * its first occurrence.
 */
export function localToInstant(date: string, minutesOfDay: number, timeZone: string): number | null {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minutesOfDay);
  // The offsets in force a day either side cover both sides of any transition that day.
  const offsets = new Set([offsetMinutes(wall - DAY, timeZone), offsetMinutes(wall + DAY, timeZone)]);
  let found: number | null = null;
  for (const offset of offsets) {
    const t = wall - offset * 60_000;
    if (offsetMinutes(t, timeZone) === offset && (found === null || t < found)) found = t;
  }
  return found;
}

const DAY = 86_400_000;

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(instantMs: number, timeZone: string): string {
  const p = localParts(instantMs, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** ISO-8601 with the zone's offset: `2030-03-31T09:00:00+02:00`. */
export function toLocalIso(instantMs: number, timeZone: string): string {
  const offset = offsetMinutes(instantMs, timeZone);
  const p = localParts(instantMs, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** 0 = Sunday … 6 = Saturday, of a `YYYY-MM-DD` calendar date. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `HH:mm` → minutes since midnight. */
export function parseHm(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return h * 60 + m;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
