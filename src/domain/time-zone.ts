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

export function localParts(instantMs: number, timeZone: string): LocalParts {
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

/** Minutes east of UTC that `timeZone` observes at this instant (+60 for Paris in winter). */
export function offsetMinutes(instantMs: number, timeZone: string): number {
  return offsetOf(localParts(instantMs, timeZone), instantMs);
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
  // One formatting per call: availability writes two of these for every slot it offers.
  const p = localParts(instantMs, timeZone);
  const offset = offsetOf(p, instantMs);
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
