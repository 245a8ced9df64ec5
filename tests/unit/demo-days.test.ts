import { describe, expect, it } from 'vitest';
import { workingDayAt } from '../../scripts/demo/demo-days.ts';

const tuesday = new Date('2026-12-01T18:00:00Z');
const saturday = new Date('2026-12-05T10:00:00Z');

describe('the demo’s working days', () => {
  it('counts forward over the weekend', () => {
    expect(workingDayAt(1, 9, 30, tuesday).toISOString()).toBe('2026-12-02T09:30:00.000Z');
    expect(workingDayAt(4, 15, 0, tuesday).toISOString()).toBe('2026-12-07T15:00:00.000Z');
    expect(workingDayAt(1, 8, 0, saturday).toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('counts back over the weekend', () => {
    expect(workingDayAt(-3, 8, 0, tuesday).toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(workingDayAt(-1, 8, 0, saturday).toISOString()).toBe('2026-12-04T08:00:00.000Z');
  });

  it('keeps today for an offset of 0', () => {
    expect(workingDayAt(0, 12, 0, tuesday).toISOString()).toBe('2026-12-01T12:00:00.000Z');
  });
});
