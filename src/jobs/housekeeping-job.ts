import type { CalendarContext } from '../calendar/calendar-context.ts';
import { pruneHistory } from '../services/housekeeping/prune-history.ts';

/** `maintenance.housekeeping`: once a day, history past its retention is deleted (prune-history.ts). */
export const housekeepingJob = {
  name: 'maintenance.housekeeping',
  cron: '23 3 * * *',
  async handle(ctx: CalendarContext) {
    return pruneHistory(ctx.db);
  },
};
