import { describe, expect, it } from 'vitest';
import { localParts, localToInstant, offsetMinutes, toLocalIso } from '../../src/domain/time-zone.ts';

/** The zone's wall clock as Intl gives it, as `YYYY-MM-DD HH:mm:ss`, with no cache involved. */
function intlWallClock(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (instantMs: number) => format.format(instantMs).replace(', ', ' ');
}

const pad = (n: number) => String(n).padStart(2, '0');
function wallClock(instantMs: number, timeZone: string) {
  const p = localParts(instantMs, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

// Whole-hour, half-hour and 45-minute offsets; half-hour DST (Lord Howe); southern summers.
const zones = [
  'Europe/Paris',
  'America/New_York',
  'America/St_Johns',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Pacific/Chatham',
  'UTC',
];

describe('time zones', () => {
  it('give the wall clock Intl gives, through every transition of three years', () => {
    // Every 37 minutes and 13 seconds over 2025–2027, in a shuffled order so that the hours kept
    // by the offset cache are asked about from both sides of each transition.
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2028, 0, 1);
    const step = 37 * 60_000 + 13_000;
    for (const zone of zones) {
      const expected = intlWallClock(zone);
      const instants: number[] = [];
      for (let t = from; t < to; t += step) instants.push(t);
      for (let i = instants.length - 1; i > 0; i--) {
        const j = (i * 7919) % (i + 1);
        [instants[i], instants[j]] = [instants[j]!, instants[i]!];
      }
      const wrong = instants.filter((t) => wallClock(t, zone) !== expected(t));
      expect(wrong.map((t) => `${zone} ${new Date(t).toISOString()}`)).toEqual([]);
    }
  });

  it('name the offset of each side of a transition, to the minute', () => {
    // Paris springs forward at 01:00 UTC on 30 March 2025 and falls back at 01:00 UTC on 26 October.
    expect(offsetMinutes(Date.UTC(2025, 2, 30, 0, 59, 59), 'Europe/Paris')).toBe(60);
    expect(offsetMinutes(Date.UTC(2025, 2, 30, 1), 'Europe/Paris')).toBe(120);
    expect(offsetMinutes(Date.UTC(2025, 9, 26, 0, 59, 59), 'Europe/Paris')).toBe(120);
    expect(offsetMinutes(Date.UTC(2025, 9, 26, 1), 'Europe/Paris')).toBe(60);
    // Lord Howe moves by half an hour, at 02:00 local (15:00 UTC the day before) in April.
    expect(offsetMinutes(Date.UTC(2025, 3, 5, 14, 59), 'Australia/Lord_Howe')).toBe(660);
    expect(offsetMinutes(Date.UTC(2025, 3, 5, 15), 'Australia/Lord_Howe')).toBe(630);
    expect(toLocalIso(Date.UTC(2025, 3, 5, 15), 'Australia/Lord_Howe')).toBe('2025-04-06T01:30:00+10:30');
    expect(toLocalIso(Date.UTC(2025, 5, 1, 6, 15), 'Asia/Kathmandu')).toBe('2025-06-01T12:00:00+05:45');
  });

  it('find the instant of a wall-clock time, refusing one a spring-forward skips', () => {
    expect(localToInstant('2025-03-30', 2 * 60 + 30, 'Europe/Paris')).toBeNull();
    expect(localToInstant('2025-03-30', 3 * 60, 'Europe/Paris')).toBe(Date.UTC(2025, 2, 30, 1));
    // 02:30 happens twice when Paris falls back: the first one.
    expect(localToInstant('2025-10-26', 2 * 60 + 30, 'Europe/Paris')).toBe(Date.UTC(2025, 9, 26, 0, 30));
  });
});
