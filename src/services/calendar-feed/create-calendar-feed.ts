import type { Executor } from '../../db/client.ts';
import { calendarFeedTokens } from '../../db/schema/index.ts';
import type { Member } from '../../domain/permissions.ts';
import type { CreatedCalendarFeed } from '../../shared/calendar-feed.ts';
import { feedUrls, generateFeedToken } from './feed-token.ts';
import { liveFeedTokens } from './revoke-calendar-feed.ts';

/**
 * Makes a new secret feed address for the caller in their practice; any previous address stops
 * working in the same transaction (so this is also "rotate"). The address is in this answer
 * only: the database keeps a hash of its token.
 */
export async function createCalendarFeed(
  db: Executor,
  who: Member,
  publicUrl: string,
): Promise<CreatedCalendarFeed> {
  const { token, hash } = generateFeedToken();
  const row = await db.transaction(async (tx) => {
    await tx.update(calendarFeedTokens).set({ revokedAt: new Date() }).where(liveFeedTokens(who));
    const [created] = await tx
      .insert(calendarFeedTokens)
      .values({ tenantId: who.tenantId, userId: who.userId, tokenHash: hash })
      .returning();
    return created;
  });
  return { active: true, createdAt: row.createdAt.toISOString(), ...feedUrls(publicUrl, token) };
}
