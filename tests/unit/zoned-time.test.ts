import { describe, expect, it } from 'vitest';
import {
  fromWallClock,
  inputsToInstant,
  instantToInputs,
  toWallClock,
} from '../../src/web/lib/zoned-time.ts';

describe('wall-clock time in the practice’s zone', () => {
  it('reads a date and time typed for Paris as the instant they mean, winter and summer', () => {
    expect(inputsToInstant('2026-01-20', '10:00', 'Europe/Paris')?.toISOString()).toBe(
      '2026-01-20T09:00:00.000Z',
    );
    expect(inputsToInstant('2026-07-20', '10:00', 'Europe/Paris')?.toISOString()).toBe(
      '2026-07-20T08:00:00.000Z',
    );
  });

  it('moves a time that does not exist (the spring-forward gap) to the hour after', () => {
    expect(inputsToInstant('2026-03-29', '02:30', 'Europe/Paris')?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('refuses inputs that are not a date and a time', () => {
    expect(inputsToInstant('20/01/2026', '10:00', 'Europe/Paris')).toBeNull();
    expect(inputsToInstant('2026-01-20', '', 'Europe/Paris')).toBeNull();
  });

  it('shows an instant as the date and time inputs of each zone', () => {
    expect(instantToInputs('2026-01-20T09:00:00Z', 'Europe/Paris')).toEqual({
      date: '2026-01-20',
      time: '10:00',
    });
    expect(instantToInputs('2026-01-20T03:00:00Z', 'America/New_York')).toEqual({
      date: '2026-01-19',
      time: '22:00',
    });
  });

  it('round-trips an instant through the local Date a calendar draws', () => {
    const local = toWallClock('2026-01-20T09:00:00Z', 'Asia/Tokyo');
    expect([local.getDate(), local.getHours()]).toEqual([20, 18]);
    expect(fromWallClock(local, 'Asia/Tokyo').toISOString()).toBe('2026-01-20T09:00:00.000Z');
  });
});
