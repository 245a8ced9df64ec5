import { formatWeekday } from '../../../lib/format.ts';

/** Monday first, as calendars in Britain and France print the week. */
export const weekDays = [1, 2, 3, 4, 5, 6, 0] as const;

/** "Monday", "Lundi": a weekday name as a heading (French writes them lower-case in a sentence). */
export function weekdayTitle(dayOfWeek: number, style: 'long' | 'short' = 'long'): string {
  const name = formatWeekday(dayOfWeek, style);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** `HH:mm` of a stored wall-clock time (the database may add seconds). */
export function hm(time: string): string {
  return time.slice(0, 5);
}

/** `YYYY-MM-DD` plus some days (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
