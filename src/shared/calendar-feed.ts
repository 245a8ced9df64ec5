import { z } from 'zod';

/** GET/DELETE /api/me/calendar-feed: whether you have a live feed address (it is never shown again). */
export const calendarFeedStatusSchema = z.object({
  active: z.boolean(),
  /** When the live address was made; null without one. */
  createdAt: z.string().nullable(),
});
export type CalendarFeedStatus = z.infer<typeof calendarFeedStatusSchema>;

/** POST /api/me/calendar-feed: the new secret address, in this answer only. */
export const createdCalendarFeedSchema = calendarFeedStatusSchema.extend({
  /** `https://…/api/calendar-feed/<token>.ics`: paste into a calendar app's "subscribe by URL". */
  url: z.string(),
  /** The same address as `webcal://…`, which opens the subscription dialog of Apple Calendar and Outlook. */
  webcalUrl: z.string(),
});
export type CreatedCalendarFeed = z.infer<typeof createdCalendarFeedSchema>;
