import type { CalendarContext } from '../calendar/calendar-context.ts';
import { drainOutbox } from '../calendar/outbox/drain-outbox.ts';

/** `calendar.push`: carry the transactional outbox to the calendars. */
export const pushOutboxJob = {
  name: 'calendar.push',
  async handle(ctx: CalendarContext) {
    return drainOutbox(ctx);
  },
};
