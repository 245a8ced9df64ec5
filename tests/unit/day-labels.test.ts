import { describe, expect, it } from 'vitest';
import { labelledDays } from '../../src/web/features/admin-dashboard/lib/day-labels.ts';

const sorted = (days: Set<number>) => [...days].sort((a, b) => a - b);

describe('the day numbers under the month chart', () => {
  it('prints the 1st, every fifth day and the last', () => {
    expect(sorted(labelledDays(28, null))).toEqual([1, 5, 10, 15, 20, 25, 28]);
    expect(sorted(labelledDays(30, null))).toEqual([1, 5, 10, 15, 20, 25, 30]);
  });

  it('leaves out the 30th of a 31-day month, which would touch the 31st', () => {
    expect(sorted(labelledDays(31, null))).toEqual([1, 5, 10, 15, 20, 25, 31]);
  });

  it('prints today, and leaves out a fifth day beside it', () => {
    expect(sorted(labelledDays(31, 6))).toEqual([1, 6, 10, 15, 20, 25, 31]);
    expect(sorted(labelledDays(31, 14))).toEqual([1, 5, 10, 14, 20, 25, 31]);
    expect(sorted(labelledDays(31, 15))).toEqual([1, 5, 10, 15, 20, 25, 31]);
  });

  it('prints today rather than the month’s first or last day beside it', () => {
    expect(sorted(labelledDays(31, 2))).toEqual([2, 5, 10, 15, 20, 25, 31]);
    expect(sorted(labelledDays(31, 30))).toEqual([1, 5, 10, 15, 20, 25, 30]);
    expect(sorted(labelledDays(30, 29))).toEqual([1, 5, 10, 15, 20, 25, 29]);
  });
});
