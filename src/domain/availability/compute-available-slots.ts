import { addDays, dayOfWeek, localDate, localToInstant, parseHm } from '../time-zone.ts';

/** A weekly opening in the practitioner's wall-clock time (`HH:mm`, in `timezone`). */
export interface WeeklySlot {
  id: string;
  productId: string | null;
  dayOfWeek: number;
  startTime: string;
  endTime: string;
  timezone: string;
  duration: number;
  bufferBefore: number;
  bufferAfter: number;
  /** How many appointments one occurrence of this opening (one day's window) takes at most. */
  maxAppointments: number;
}

/** A date off the weekly pattern: blocked (whole day, or some hours), or with extra hours. */
export interface DateException {
  date: string;
  isAvailable: boolean;
  startTime: string | null;
  endTime: string | null;
  timezone: string;
}

/** A half-open span of time [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

export interface AvailabilityInput {
  slots: WeeklySlot[];
  exceptions: DateException[];
  /** The practitioner's pending and confirmed appointments. */
  booked: Interval[];
  /** Busy time from connected calendars. */
  busy: Interval[];
  rangeStart: number;
  rangeEnd: number;
  now: number;
  minNoticeMinutes: number;
  /** The product's length, when one is asked for; otherwise each opening's own duration. */
  durationMinutes?: number;
}

const MINUTE = 60_000;

/**
 * The bookable times of one practitioner: every step of each weekly opening (and of extra
 * hours), minus blocked dates, times too soon, and anything overlapping an appointment or busy
 * time once the opening's buffers are added around the candidate. Openings are laid out on
 * the calendar of their own zone, so DST days get their real length.
 */
export function computeAvailableSlots(input: AvailabilityInput): Interval[] {
  const blocked = mergeIntervals([...input.booked, ...input.busy, ...blockedHours(input.exceptions)]);
  const booked = [...input.booked].sort((a, b) => a.start - b.start);
  const earliest = input.now + input.minNoticeMinutes * MINUTE;
  const closedDays = new Set(
    input.exceptions.filter((e) => !e.isAvailable && !e.startTime).map((e) => `${e.timezone}|${e.date}`),
  );
  const found = new Map<number, Interval>();
  const consider = (window: Interval, duration: number, before: number, after: number, max: number) => {
    if (max < Number.POSITIVE_INFINITY && countStartingIn(booked, window) >= max) return;
    const step = (duration + before + after) * MINUTE;
    for (let start = window.start; start + duration * MINUTE <= window.end; start += step) {
      const end = start + duration * MINUTE;
      if (start < earliest || start < input.rangeStart || end > input.rangeEnd) continue;
      if (overlapsAny(blocked, start - before * MINUTE, end + after * MINUTE)) continue;
      if (!found.has(start)) found.set(start, { start, end });
    }
  };

  for (const slot of input.slots) {
    const duration = input.durationMinutes ?? slot.duration;
    for (const date of datesCovering(input.rangeStart, input.rangeEnd, slot.timezone)) {
      if (dayOfWeek(date) !== slot.dayOfWeek || closedDays.has(`${slot.timezone}|${date}`)) continue;
      const window = windowOf(date, slot.startTime, slot.endTime, slot.timezone);
      if (window) consider(window, duration, slot.bufferBefore, slot.bufferAfter, slot.maxAppointments);
    }
  }
  const defaultDuration = input.durationMinutes ?? input.slots[0]?.duration ?? 60;
  for (const extra of input.exceptions) {
    if (!extra.isAvailable || !extra.startTime || !extra.endTime) continue;
    const window = windowOf(extra.date, extra.startTime, extra.endTime, extra.timezone);
    if (window) consider(window, defaultDuration, 0, 0, Number.POSITIVE_INFINITY);
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/** The local dates of `timeZone` that touch [start, end), one day of margin either side. */
function datesCovering(start: number, end: number, timeZone: string): string[] {
  const dates: string[] = [];
  const last = addDays(localDate(end, timeZone), 1);
  for (let d = addDays(localDate(start, timeZone), -1); d <= last; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** A wall-clock window as instants; a bound inside a spring-forward gap moves to its end. */
function windowOf(date: string, from: string, to: string, timeZone: string): Interval | null {
  const start = instantAtOrAfter(date, parseHm(from), timeZone);
  const end =
    to === '24:00'
      ? instantAtOrAfter(addDays(date, 1), 0, timeZone)
      : instantAtOrAfter(date, parseHm(to), timeZone);
  return start !== null && end !== null && end > start ? { start, end } : null;
}

function instantAtOrAfter(date: string, minutes: number, timeZone: string): number | null {
  for (let m = minutes; m <= minutes + 180; m += 15) {
    const t = localToInstant(date, m, timeZone);
    if (t !== null) return t;
  }
  return null;
}

function blockedHours(exceptions: DateException[]): Interval[] {
  return exceptions
    .filter((e) => !e.isAvailable && e.startTime && e.endTime)
    .map((e) => windowOf(e.date, e.startTime!, e.endTime!, e.timezone))
    .filter((w): w is Interval => w !== null);
}

export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const i of sorted) {
    const last = merged[merged.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** Binary search in merged, sorted intervals: does anything overlap [start, end)? */
function overlapsAny(merged: Interval[], start: number, end: number): boolean {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (merged[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < merged.length && merged[lo].start < end;
}

function countStartingIn(sorted: Interval[], window: Interval): number {
  let count = 0;
  for (const b of sorted) {
    if (b.start >= window.end) break;
    if (b.start >= window.start) count++;
  }
  return count;
}
