import { describe, expect, it } from 'vitest';
import { autoSyncSchedule, describePeriod } from '../../src/jobs/sync-all-job.ts';

const minute = 60;
const hour = 3600;

/**
 * AUTO_SYNC_INTERVAL (seconds) as a pg-boss cron: a period cron keeps evenly, the nearest one to
 * what is configured (the shorter on a tie), which is also the period the page reports.
 */
describe('the auto-sync schedule of an AUTO_SYNC_INTERVAL', () => {
  it.each([
    ['5 minutes (the default)', 300, '*/5 * * * *', 5 * minute],
    ['a minute', 60, '* * * * *', minute],
    ['a quarter of an hour', 900, '*/15 * * * *', 15 * minute],
    ['an hour', hour, '0 * * * *', hour],
    ['6 hours', 6 * hour, '0 */6 * * *', 6 * hour],
    ['a day', 24 * hour, '0 0 * * *', 24 * hour],
  ])('keeps %s exactly', (_name, seconds, cron, period) => {
    expect(autoSyncSchedule(seconds)).toEqual({ cron, periodSeconds: period });
  });

  it.each([
    // `*/59` fired at :00 and :59, twice an hour; 90 minutes lies halfway between 1 and 2 hours.
    ['90 minutes as every hour', 5400, '0 * * * *', hour],
    // `*/45` fired at :00 and :45; 45 minutes lies halfway between 30 and 60.
    ['45 minutes as every half hour', 2700, '*/30 * * * *', 30 * minute],
    // `0 */7` would fire at 00:00, 07:00, 14:00, 21:00, then 00:00 three hours later.
    ['7 hours as every 6 hours', 7 * hour, '0 */6 * * *', 6 * hour],
    ['5 hours as every 4 hours', 5 * hour, '0 */4 * * *', 4 * hour],
    ['7 minutes as every 6 minutes', 7 * minute, '*/6 * * * *', 6 * minute],
    ['8 minutes as every 6 minutes', 8 * minute, '*/6 * * * *', 6 * minute],
    ['9 minutes as every 10 minutes', 9 * minute, '*/10 * * * *', 10 * minute],
    ['100 minutes as every 2 hours', 100 * minute, '0 */2 * * *', 2 * hour],
    ['5 min 20 s as every 5 minutes', 320, '*/5 * * * *', 5 * minute],
  ])(
    'rounds %s, the nearest period cron keeps evenly (the shorter on a tie)',
    (_n, seconds, cron, period) => {
      expect(autoSyncSchedule(seconds)).toEqual({ cron, periodSeconds: period });
    },
  );

  it('runs every minute for an interval below one minute, cron’s shortest period', () => {
    expect(autoSyncSchedule(10)).toEqual({ cron: '* * * * *', periodSeconds: minute });
    expect(autoSyncSchedule(45)).toEqual({ cron: '* * * * *', periodSeconds: minute });
  });

  it('runs once a day for an interval beyond a day (a day-of-month step restarts every month)', () => {
    expect(autoSyncSchedule(48 * hour)).toEqual({ cron: '0 0 * * *', periodSeconds: 24 * hour });
  });

  it('never picks a period that does not divide the hour or the day', () => {
    for (let seconds = 10; seconds <= 2 * 24 * hour; seconds += 10) {
      const { periodSeconds } = autoSyncSchedule(seconds);
      const divides = periodSeconds < hour ? hour % periodSeconds : (24 * hour) % periodSeconds;
      expect(divides, `${seconds} s`).toBe(0);
    }
  });

  it('names the period for the start-up warning', () => {
    expect(describePeriod(minute)).toBe('1 minute');
    expect(describePeriod(30 * minute)).toBe('30 minutes');
    expect(describePeriod(hour)).toBe('1 hour');
    expect(describePeriod(6 * hour)).toBe('6 hours');
  });
});
