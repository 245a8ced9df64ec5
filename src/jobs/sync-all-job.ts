import type { CalendarContext } from '../calendar/calendar-context.ts';
import { syncAppointmentsForAllTenants } from '../calendar/sync/sync-all-tenants.ts';

/** `calendar.sync-all`: the auto-sync cron of spec 002, every auto-sync period (`autoSyncSchedule`). */
export const syncAllJob = {
  name: 'calendar.sync-all',
  async handle(ctx: CalendarContext) {
    const summaries = await syncAppointmentsForAllTenants(ctx, { trigger: 'cron' });
    return { tenants: summaries.length, failed: summaries.reduce((n, s) => n + s.failed, 0) };
  },
};

/**
 * The periods, in minutes, that a cron expression keeps evenly: minutes that divide an hour,
 * hours that divide a day, and the day. Any other period restarts its count at every hour or
 * every midnight (a step of 45 minutes fires at :00 and :45), so it is not the period asked for.
 */
const evenPeriodsMinutes = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440];

export interface AutoSyncSchedule {
  /** The pg-boss (cron) schedule of `calendar.sync-all`. */
  cron: string;
  /** The period that schedule keeps, in seconds: what the page and the API report. */
  periodSeconds: number;
}

/**
 * AUTO_SYNC_INTERVAL as a schedule. pg-boss schedules only by cron, which keeps evenly only the
 * periods above, so the interval is rounded to the nearest of them (a tie goes to the shorter:
 * calendars are then never staler than configured); one minute at least, one day at most.
 * A schedule that ticked every minute and skipped until the interval had passed would keep any
 * period, but would need a cluster-wide record of the last run and a job a minute to read it:
 * more moving parts for precision nobody asked of a background sync.
 */
export function autoSyncSchedule(intervalSeconds: number): AutoSyncSchedule {
  const wanted = intervalSeconds / 60;
  let minutes = evenPeriodsMinutes[0]!;
  for (const period of evenPeriodsMinutes) {
    if (Math.abs(period - wanted) < Math.abs(minutes - wanted)) minutes = period;
  }
  return { cron: cronEvery(minutes), periodSeconds: minutes * 60 };
}

function cronEvery(minutes: number): string {
  if (minutes === 1) return '* * * * *';
  if (minutes < 60) return `*/${minutes} * * * *`;
  if (minutes === 60) return '0 * * * *';
  if (minutes < 1440) return `0 */${minutes / 60} * * *`;
  return '0 0 * * *';
}

/** "30 minutes", "6 hours": a period for a log line. */
export function describePeriod(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes % 60 !== 0) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
}
