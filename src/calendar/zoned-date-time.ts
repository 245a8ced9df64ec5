import { localToInstant } from '../domain/time-zone.ts';

const hasOffset = /(z|[+-]\d{2}:?\d{2})$/i;
const wallTimePattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

export function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a provider's date-time stands for. With an offset (`Z`, `+01:00`), exactly that.
 * Without one — Graph's dateTimeTimeZone always, Google's EventDateTime when `timeZone` is
 * given — it is wall time in `zone`, never in the server's own zone (which `new Date()` would
 * silently use). Null when the text or the zone cannot be read.
 */
export function zonedDateTimeToInstant(dateTime: string, zone: string): Date | null {
  const text = dateTime.trim();
  if (hasOffset.test(text)) {
    const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const m = wallTimePattern.exec(text);
  if (!m || !isIanaZone(zone)) return null;
  const minuteStart = localToInstant(m[1]!, Number(m[2]) * 60 + Number(m[3]), zone);
  if (minuteStart === null) return null;
  const millis = Math.floor(Number(`0.${m[5] ?? '0'}`) * 1000);
  return new Date(minuteStart + Number(m[4] ?? 0) * 1000 + millis);
}
