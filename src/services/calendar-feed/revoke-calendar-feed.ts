import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarFeedTokens } from '../../db/schema/index.ts';
import type { Member } from '../../domain/permissions.ts';
import type { CalendarFeedStatus } from '../../shared/calendar-feed.ts';

/** The caller's unrevoked feed tokens in their practice. */
export function liveFeedTokens(who: Pick<Member, 'tenantId' | 'userId'>) {
  return and(
    eq(calendarFeedTokens.tenantId, who.tenantId),
    eq(calendarFeedTokens.userId, who.userId),
    isNull(calendarFeedTokens.revokedAt),
  );
}

/** Turns the caller's feed address off; fetching it answers 404 from now on. Idempotent. */
export async function revokeCalendarFeed(db: Executor, who: Member): Promise<CalendarFeedStatus> {
  await db.update(calendarFeedTokens).set({ revokedAt: new Date() }).where(liveFeedTokens(who));
  return { active: false, createdAt: null };
}
