import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { storeCalendarConnection } from '../../src/calendar/connections/store-calendar-connection.ts';
import { accounts, calendarConnections, calendarFeedTokens, sessions } from '../../src/db/schema/index.ts';
import type { TestClient } from './http.ts';
import type { TestApp } from './test-app.ts';

/** Calendar secrets given in plain text, so a test can look for each in what a member is sent. */
const calendarSecrets = {
  accessToken: 'ya29.plain-access-token',
  refreshToken: '1//plain-refresh-token',
  syncCursor: 'plain-sync-cursor',
  watchChannelId: 'plain-watch-channel',
  watchResourceId: 'plain-watch-resource',
};

/**
 * Gives a member every kind of secret Rendezvous keeps about a person: a calendar feed (its
 * address), and a Google connection with its tokens, sync cursor and push channel. Answers the
 * plain values, which exist nowhere in the database but in these tests.
 */
export async function giveMemberSecrets(
  t: TestApp,
  member: { client: TestClient; userId: string },
  tenantId: string,
  calendarEmail: string,
): Promise<string[]> {
  const feed = await member.client.post('/api/me/calendar-feed');
  expect(feed.statusCode, feed.body).toBe(201);
  const feedToken = (feed.json().data.url as string)
    .split('/')
    .pop()!
    .replace(/\.ics$/, '');
  const connection = await storeCalendarConnection(t.calendar, {
    tenantId,
    userId: member.userId,
    provider: 'google',
    authType: 'oauth',
    email: calendarEmail,
    calendarId: 'primary',
    tokens: {
      accessToken: calendarSecrets.accessToken,
      refreshToken: calendarSecrets.refreshToken,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  await t.database.db
    .update(calendarConnections)
    .set({
      syncCursor: calendarSecrets.syncCursor,
      watchChannelId: calendarSecrets.watchChannelId,
      watchResourceId: calendarSecrets.watchResourceId,
      watchTokenEnc: t.calendar.tokenBox.seal('plain-watch-token', 'watch'),
    })
    .where(eq(calendarConnections.id, connection.id));
  return [feedToken, ...Object.values(calendarSecrets)];
}

/**
 * Checks that `text` holds none of a member's secrets: the plain ones given (`giveMemberSecrets`,
 * and any `also`), and those stored about them — password hash, session tokens, encrypted
 * calendar tokens, the feed's hash — nor any field named like a secret.
 */
export async function expectNoSecretOf(
  t: TestApp,
  userId: string,
  text: string,
  plain: string[],
): Promise<void> {
  const { db } = t.database;
  const [credential] = await db.select().from(accounts).where(eq(accounts.userId, userId));
  const held = await db.select().from(sessions).where(eq(sessions.userId, userId));
  const [connection] = await db
    .select()
    .from(calendarConnections)
    .where(eq(calendarConnections.userId, userId));
  const [feed] = await db.select().from(calendarFeedTokens).where(eq(calendarFeedTokens.userId, userId));
  expect(held.length).toBeGreaterThan(0);
  const secrets = [
    ...plain,
    credential!.password!,
    ...held.map((session) => session.token),
    connection!.accessTokenEnc!,
    connection!.refreshTokenEnc!,
    connection!.watchTokenEnc!,
    feed!.tokenHash,
  ];
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(/"[^"]*(password|token|secret|idempotency)[^"]*":/i);
}
