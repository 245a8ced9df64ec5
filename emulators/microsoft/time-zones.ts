/**
 * dateTimeTimeZone handling. Graph writes and reads wall-clock times with NO offset plus a zone name
 * (resources/datetimetimezone.md); the zone may be an IANA id or a Windows name. Reads are in UTC
 * unless `Prefer: outlook.timezone="..."` names another zone (event-delta.md, event-get.md).
 */

/** Common Windows zone names (CLDR windowsZones.xml "001" territory). Others answer TimeZoneNotSupportedException. */
const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'Coordinated Universal Time': 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest',
  'Russian Standard Time': 'Europe/Moscow',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Alaskan Standard Time': 'America/Anchorage',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Atlantic Standard Time': 'America/Halifax',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'India Standard Time': 'Asia/Calcutta',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Singapore Standard Time': 'Asia/Singapore',
  'Arabian Standard Time': 'Asia/Dubai',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'South Africa Standard Time': 'Africa/Johannesburg',
};

const ianaCache = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(iana: string): Intl.DateTimeFormat | null {
  if (!ianaCache.has(iana)) {
    try {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone: iana,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
      ianaCache.set(iana, format);
    } catch {
      ianaCache.set(iana, null);
    }
  }
  return ianaCache.get(iana) ?? null;
}

/** The IANA id for a Graph zone name, or undefined when Graph would reject it. */
export function resolveTimeZone(name: string): string | undefined {
  const windows = WINDOWS_TO_IANA[name];
  if (windows) return windows;
  // Windows names are matched case-insensitively by Exchange; IANA ids are validated by Intl.
  const insensitive = Object.keys(WINDOWS_TO_IANA).find((k) => k.toLowerCase() === name.toLowerCase());
  if (insensitive) return WINDOWS_TO_IANA[insensitive];
  if (!name.includes('/') && name !== 'UTC' && name !== 'Etc/UTC') return undefined;
  return formatterFor(name) ? name : undefined;
}

/** Offset of `iana` from UTC at instant `ms`, in milliseconds. */
function offsetAt(ms: number, iana: string): number {
  if (iana === 'UTC') return 0;
  const parts = Object.fromEntries(
    formatterFor(iana)!
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second,
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const WALL_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Parses a Graph dateTime in `iana`; an explicit offset, if any, wins over the zone. NaN when malformed. */
export function wallTimeToInstant(dateTime: string, iana: string): number {
  const m = WALL_TIME.exec(dateTime.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', offset] = m;
  const millis = Math.floor(Number(`0.${frac}`) * 1000);
  const naive = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, millis);
  if (offset === 'Z') return naive;
  if (offset) {
    const sign = offset.startsWith('-') ? -1 : 1;
    const [oh, om] = offset.slice(1).split(':').map(Number);
    return naive - sign * (oh * 60 + om) * 60_000;
  }
  // Two passes settle the offset around DST changes.
  let guess = naive - offsetAt(naive, iana);
  guess = naive - offsetAt(guess, iana);
  return guess;
}

/** "2026-01-20T10:00:00.0000000" in `iana` — seven fractional digits, no offset, as Graph writes it. */
export function instantToWallTime(ms: number, iana: string): string {
  const local = new Date(ms + offsetAt(ms, iana));
  const ms3 = String(local.getUTCMilliseconds()).padStart(3, '0');
  return `${local.toISOString().slice(0, 19)}.${ms3}0000`;
}

/** Reads the zone from `Prefer: outlook.timezone="..."`; UTC when absent or unknown. */
export function preferredTimeZone(prefer: string | string[] | undefined): { name: string; iana: string } {
  const header = Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '');
  const m = /outlook\.timezone\s*=\s*"?([^",]+)"?/i.exec(header);
  const name = m?.[1]?.trim();
  const iana = name ? resolveTimeZone(name) : undefined;
  return name && iana ? { name, iana } : { name: 'UTC', iana: 'UTC' };
}
