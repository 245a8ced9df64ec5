import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { calendarConnections } from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import { openWatchToken } from './watch-connection.ts';

export interface GoogleNotificationHeaders {
  channelId?: string;
  token?: string;
  resourceId?: string;
  resourceState?: string;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Authenticates a Google push notification (push guide; google-api-python-client compares the
 * token with hmac.compare_digest): the channel must be one we opened, for the resource we
 * watch, and carry that channel's secret token, compared in constant time.
 */
export async function verifyGoogleNotification(
  ctx: CalendarContext,
  headers: GoogleNotificationHeaders,
): Promise<ConnectionRow | null> {
  if (!headers.channelId || !headers.token) return null;
  const [connection] = await ctx.db
    .select()
    .from(calendarConnections)
    .where(eq(calendarConnections.watchChannelId, headers.channelId));
  if (connection?.provider !== 'google') return null;
  const expected = openWatchToken(ctx, connection);
  if (!expected || !sameSecret(expected, headers.token)) return null;
  // Google names the watched resource on every message; a message for another resource is not ours.
  if (connection.watchResourceId && connection.watchResourceId !== headers.resourceId) return null;
  return connection;
}
