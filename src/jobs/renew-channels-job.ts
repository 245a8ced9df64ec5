import type { CalendarContext } from '../calendar/calendar-context.ts';
import { renewExpiringWatches } from '../calendar/watch/renew-watches.ts';

/** `calendar.renew-channels`: push channels are renewed well before they expire. */
export const renewChannelsJob = {
  name: 'calendar.renew-channels',
  cron: '17 * * * *',
  async handle(ctx: CalendarContext) {
    return renewExpiringWatches(ctx);
  },
};
