import { desc } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarFeedTokens } from '../../db/schema/index.ts';
import type { Member } from '../../domain/permissions.ts';
import type { CalendarFeedStatus } from '../../shared/calendar-feed.ts';
import { liveFeedTokens } from './revoke-calendar-feed.ts';

/** Whether the caller has a live feed address, and since when (the address itself is not kept). */
export async function getCalendarFeedStatus(db: Executor, who: Member): Promise<CalendarFeedStatus> {
  const [live] = await db
    .select({ createdAt: calendarFeedTokens.createdAt })
    .from(calendarFeedTokens)
    .where(liveFeedTokens(who))
    .orderBy(desc(calendarFeedTokens.createdAt))
    .limit(1);
  return { active: Boolean(live), createdAt: live?.createdAt.toISOString() ?? null };
}
