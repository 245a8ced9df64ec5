import { describe, expect, it } from 'vitest';
import {
  type AvailabilityInput,
  computeAvailableSlots,
  type WeeklySlot,
} from '../../src/domain/availability/compute-available-slots.ts';
import { localToInstant, toLocalIso } from '../../src/domain/time-zone.ts';

const H = 3_600_000;
const slot = (overrides: Partial<WeeklySlot> = {}): WeeklySlot => ({
  id: 's',
  productId: null,
  dayOfWeek: 0,
  startTime: '09:00',
  endTime: '12:00',
  timezone: 'Europe/Paris',
  duration: 60,
  bufferBefore: 0,
  bufferAfter: 0,
  maxAppointments: 100,
  ...overrides,
});

function run(overrides: Partial<AvailabilityInput> & { day: string; zone?: string }) {
  const zone = overrides.zone ?? 'Europe/Paris';
  const rangeStart = localToInstant(overrides.day, 0, zone)!;
  const rangeEnd = rangeStart + 30 * H;
  return computeAvailableSlots({
    slots: [slot()],
    exceptions: [],
    booked: [],
    busy: [],
    rangeStart,
    rangeEnd,
    now: Date.parse('2020-01-01T00:00:00Z'),
    minNoticeMinutes: 0,
    ...overrides,
  }).map((s) => new Date(s.start).toISOString());
}

describe('weekly openings across daylight-saving changes (Europe/Paris)', () => {
  it('keeps 09:00 local on the last Sunday of March, when clocks go forward', () => {
    expect(run({ day: '2030-03-24' })).toEqual([
      '2030-03-24T08:00:00.000Z',
      '2030-03-24T09:00:00.000Z',
      '2030-03-24T10:00:00.000Z',
    ]);
    expect(run({ day: '2030-03-31' })).toEqual([
      '2030-03-31T07:00:00.000Z',
      '2030-03-31T08:00:00.000Z',
      '2030-03-31T09:00:00.000Z',
    ]);
  });

  it('keeps 09:00 local on the last Sunday of October, when clocks go back', () => {
    expect(run({ day: '2030-10-27' })).toEqual([
      '2030-10-27T08:00:00.000Z',
      '2030-10-27T09:00:00.000Z',
      '2030-10-27T10:00:00.000Z',
    ]);
  });

  it('gives a night opening its real length: one hour shorter in March, one longer in October', () => {
    const night = [slot({ startTime: '01:00', endTime: '04:00' })];
    const march = run({ day: '2030-03-31', slots: night, rangeStart: Date.parse('2030-03-30T12:00:00Z') });
    expect(march.map((s) => toLocalIso(Date.parse(s), 'Europe/Paris'))).toEqual([
      '2030-03-31T01:00:00+01:00',
      '2030-03-31T03:00:00+02:00',
    ]);
    const october = run({ day: '2030-10-27', slots: night, rangeStart: Date.parse('2030-10-26T12:00:00Z') });
    expect(october.map((s) => toLocalIso(Date.parse(s), 'Europe/Paris'))).toEqual([
      '2030-10-27T01:00:00+02:00',
      '2030-10-27T02:00:00+02:00',
      '2030-10-27T02:00:00+01:00',
      '2030-10-27T03:00:00+01:00',
    ]);
  });
});

describe('a half-hour zone (Asia/Kolkata, UTC+05:30)', () => {
  it('lays openings on the half hour in UTC', () => {
    const slots = [slot({ timezone: 'Asia/Kolkata', dayOfWeek: 1, startTime: '09:00', endTime: '11:00' })];
    const found = run({ day: '2030-04-01', zone: 'Asia/Kolkata', slots });
    expect(found).toEqual(['2030-04-01T03:30:00.000Z', '2030-04-01T04:30:00.000Z']);
    expect(toLocalIso(Date.parse(found[0]), 'Asia/Kolkata')).toBe('2030-04-01T09:00:00+05:30');
    expect(toLocalIso(Date.parse(found[0]), 'Europe/Paris')).toBe('2030-04-01T05:30:00+02:00');
  });
});

describe('what removes a time', () => {
  const day = '2030-03-24';
  const at = (h: number) => Date.parse(`2030-03-24T0${h}:00:00Z`);

  it('an appointment, and the buffers around a candidate', () => {
    const booked = [{ start: at(9), end: at(9) + H }];
    expect(run({ day, booked })).toEqual(['2030-03-24T08:00:00.000Z', '2030-03-24T10:00:00.000Z']);
    expect(run({ day, booked, slots: [slot({ bufferBefore: 15 })] })).toEqual(['2030-03-24T08:00:00.000Z']);
  });

  it('busy time from a calendar', () => {
    expect(run({ day, busy: [{ start: at(8) + 15 * 60_000, end: at(8) + 30 * 60_000 }] })).toEqual([
      '2030-03-24T09:00:00.000Z',
      '2030-03-24T10:00:00.000Z',
    ]);
  });

  it('a blocked day, or blocked hours', () => {
    expect(
      run({
        day,
        exceptions: [
          { date: day, isAvailable: false, startTime: null, endTime: null, timezone: 'Europe/Paris' },
        ],
      }),
    ).toEqual([]);
    expect(
      run({
        day,
        exceptions: [
          { date: day, isAvailable: false, startTime: '10:00', endTime: '11:00', timezone: 'Europe/Paris' },
        ],
      }),
    ).toEqual(['2030-03-24T08:00:00.000Z', '2030-03-24T10:00:00.000Z']);
  });

  it('too little notice', () => {
    expect(run({ day, now: at(8) + 30 * 60_000, minNoticeMinutes: 60 })).toEqual([
      '2030-03-24T10:00:00.000Z',
    ]);
  });

  it('a full opening (maxAppointments per day)', () => {
    const capped = [slot({ maxAppointments: 1 })];
    expect(run({ day, slots: capped, booked: [{ start: at(8), end: at(8) + H }] })).toEqual([]);
  });

  it('adds extra hours on an exception date', () => {
    const extra = run({
      day: '2030-03-25',
      exceptions: [
        {
          date: '2030-03-25',
          isAvailable: true,
          startTime: '14:00',
          endTime: '15:00',
          timezone: 'Europe/Paris',
        },
      ],
    });
    expect(extra).toEqual(['2030-03-25T13:00:00.000Z']);
  });

  it('steps by duration plus buffers', () => {
    expect(run({ day, slots: [slot({ duration: 45, bufferAfter: 15 })] })).toEqual([
      '2030-03-24T08:00:00.000Z',
      '2030-03-24T09:00:00.000Z',
      '2030-03-24T10:00:00.000Z',
    ]);
  });
});
