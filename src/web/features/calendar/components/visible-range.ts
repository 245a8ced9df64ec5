import { addDays, endOfDay, endOfMonth, endOfWeek, startOfDay, startOfMonth, startOfWeek } from 'date-fns';
import type { View } from 'react-big-calendar';

/** How many days the agenda lists from its date (react-big-calendar's default). */
export const agendaLength = 30;

/**
 * The local (wall-clock) days a view shows around a date: a month view shows whole weeks,
 * weeks start on Monday as in the locales we speak.
 */
export function visibleRange(view: View, date: Date): { start: Date; end: Date } {
  const weekStartsOn = 1;
  switch (view) {
    case 'month':
      return {
        start: startOfWeek(startOfMonth(date), { weekStartsOn }),
        end: endOfWeek(endOfMonth(date), { weekStartsOn }),
      };
    case 'week':
    case 'work_week':
      return { start: startOfWeek(date, { weekStartsOn }), end: endOfWeek(date, { weekStartsOn }) };
    case 'day':
      return { start: startOfDay(date), end: endOfDay(date) };
    default:
      return { start: startOfDay(date), end: endOfDay(addDays(date, agendaLength)) };
  }
}
