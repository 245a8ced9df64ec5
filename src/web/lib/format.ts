import { currentLocale } from '../i18n/index.ts';

/**
 * Dates, times and money as people read them: in the interface language and in the practice's
 * time zone (not the browser's: a practitioner travelling abroad still sees clinic hours).
 * Never show an ISO timestamp on a page; go through these.
 */
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions) {
  return new Intl.DateTimeFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, ...options });
}

/** "Tuesday 20 January 2026" / "mardi 20 janvier 2026". */
export function formatDay(iso: string | Date, timeZone: string): string {
  return formatter(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** formatDay in two parts, the weekday and the date: ["Tuesday", "20 January 2026"]. */
export function formatDayParts(iso: string | Date, timeZone: string): [weekday: string, date: string] {
  const date = new Date(iso);
  const weekday = formatter(timeZone, { weekday: 'long' }).format(date);
  return [weekday, formatter(timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(date)];
}

/** "Tue 20 Jan" / "mar. 20 janv.": for dense lists. */
export function formatShortDay(iso: string | Date, timeZone: string): string {
  return formatter(timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso));
}

/** ["Tue", "20 Jan"] / ["mar.", "20 janv."]: a date tile's two lines. */
export function formatShortDayParts(iso: string | Date, timeZone: string): [weekday: string, date: string] {
  const date = new Date(iso);
  const weekday = formatter(timeZone, { weekday: 'short' }).format(date);
  return [weekday, formatter(timeZone, { day: 'numeric', month: 'short' }).format(date)];
}

/** "10:00". */
export function formatTime(iso: string | Date, timeZone: string): string {
  return formatter(timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "10:00 – 11:00". */
export function formatTimeRange(start: string | Date, end: string | Date, timeZone: string): string {
  return `${formatTime(start, timeZone)} – ${formatTime(end, timeZone)}`;
}

/** "20 Jan 2026, 10:00": a moment in a table or a history line. */
export function formatDateTime(iso: string | Date, timeZone: string): string {
  return formatter(timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The calendar day of an instant in a zone, `YYYY-MM-DD`: the key to group a list by day. */
export function dayKey(iso: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

/** Whole cents as money: 5000 EUR → "50,00 €" in French, "€50.00" in English. */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency,
  }).format(cents / 100);
}

/** A calendar month, `YYYY-MM`: "November 2026" / "novembre 2026". */
export function formatMonth(month: string): string {
  return formatter('UTC', { month: 'long', year: 'numeric' }).format(new Date(`${month}-15T12:00:00Z`));
}

/** A calendar date, `YYYY-MM-DD`, as a short day ("Tue 20 Jan"), whatever the zone. */
export function formatCalendarDay(date: string, style: 'short' | 'long' = 'short'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'short'
      ? { weekday: 'short', day: 'numeric', month: 'short' }
      : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  return formatter('UTC', options).format(new Date(`${date}T12:00:00Z`));
}

/** A date for a spreadsheet cell: "20/01/2026" (en-GB and fr alike), in the practice's zone. */
export function formatNumericDate(iso: string | Date, timeZone: string): string {
  return formatter(timeZone, { dateStyle: 'short' }).format(new Date(iso));
}

/**
 * Cents as a bare amount for a spreadsheet cell, in the interface language's decimal mark and
 * without grouping, so the spreadsheet reads a number: "1250.00" / "1250,00".
 */
export function formatAmount(cents: number): string {
  return new Intl.NumberFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
    useGrouping: false,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

/** A day of the week, 0 = Sunday … 6 = Saturday: "Monday" / "lundi". */
export function formatWeekday(dayOfWeek: number, style: 'long' | 'short' = 'long'): string {
  // 7 January 2024 was a Sunday.
  return formatter('UTC', { weekday: style }).format(new Date(Date.UTC(2024, 0, 7 + dayOfWeek, 12)));
}
