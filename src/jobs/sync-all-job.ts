import type { CalendarContext } from '../calendar/calendar-context.ts';
import { syncAppointmentsForAllTenants } from '../calendar/sync/sync-all-tenants.ts';

/** `calendar.sync-all`: the auto-sync cron of spec 002, every AUTO_SYNC_INTERVAL. */
export const syncAllJob = {
  name: 'calendar.sync-all',
  async handle(ctx: CalendarContext) {
    const summaries = await syncAppointmentsForAllTenants(ctx, { trigger: 'cron' });
    return { tenants: summaries.length, failed: summaries.reduce((n, s) => n + s.failed, 0) };
  },
};

/**
 * pg-boss schedules by cron, to the minute: an interval becomes "every N minutes", rounded up,
 * one minute at least. The cron fires once cluster-wide however many workers run.
 */
export function cronForInterval(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  if (minutes >= 60 && minutes % 60 === 0) return `0 */${minutes / 60} * * *`;
  return minutes === 1 ? '* * * * *' : `*/${Math.min(minutes, 59)} * * * *`;
}
