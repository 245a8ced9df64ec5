import { createHash, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { calendarConnections } from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import { openWatchToken, watchConnection } from '../watch/watch-connection.ts';

/**
 * Graph's notification bodies (change-notifications-delivery-webhooks.md, change-notifications-
 * lifecycle-events.md): `{"value":[...]}`, possibly several subscriptions in one POST, possibly
 * duplicated or out of order. Only the fields we rely on are read.
 */
const notificationSchema = z.object({
  subscriptionId: z.string(),
  clientState: z.string().nullish(),
  changeType: z.string().nullish(),
  lifecycleEvent: z.string().nullish(),
});
export const notificationBodySchema = z.object({ value: z.array(z.unknown()).default([]) });
type Notification = z.infer<typeof notificationSchema>;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant time, whatever the lengths: compares digests of equal size. */
function sameSecret(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/**
 * The notifications that are genuine, with their connection: the subscription is one of ours
 * (an active Microsoft connection) and the clientState is the secret we gave it. The rest are
 * dropped without a trace in the database.
 */
async function authenticNotifications(
  ctx: CalendarContext,
  items: unknown[],
): Promise<{ notification: Notification; connection: ConnectionRow }[]> {
  const notifications = items.flatMap((item) => {
    const parsed = notificationSchema.safeParse(item);
    return parsed.success && parsed.data.clientState ? [parsed.data] : [];
  });
  if (notifications.length === 0) return [];
  const rows = await ctx.db
    .select()
    .from(calendarConnections)
    .where(
      and(
        eq(calendarConnections.provider, 'microsoft'),
        eq(calendarConnections.status, 'active'),
        inArray(calendarConnections.watchChannelId, [...new Set(notifications.map((n) => n.subscriptionId))]),
      ),
    );
  const bySubscription = new Map(rows.map((row) => [row.watchChannelId!, row]));
  return notifications.flatMap((notification) => {
    const connection = bySubscription.get(notification.subscriptionId);
    const secret = connection ? openWatchToken(ctx, connection) : null;
    return secret && sameSecret(secret, notification.clientState!)
      ? [{ notification, connection: connection! }]
      : [];
  });
}

export type ConnectionChanged = (connectionId: string) => Promise<void> | void;

/** Change notifications: each connection that changed is handed on once, however many notifications name it. */
export async function handleMicrosoftChangeNotifications(
  ctx: CalendarContext,
  items: unknown[],
  onConnectionChanged: ConnectionChanged,
): Promise<string[]> {
  const changed = [...new Set((await authenticNotifications(ctx, items)).map((n) => n.connection.id))];
  for (const connectionId of changed) await onConnectionChanged(connectionId);
  return changed;
}

/** A new subscription for the connection, the old one being gone: nothing to stop first. */
function subscribeAgain(ctx: CalendarContext, connection: ConnectionRow) {
  return watchConnection(ctx, { ...connection, watchChannelId: null, watchResourceId: null });
}

/**
 * Lifecycle notifications (change-notifications-lifecycle-events.md @15f91f36):
 * - `reauthorizationRequired`: renew the subscription (a PATCH of its expiry reauthorizes it);
 * - `subscriptionRemoved`: subscribe again, then sync — changes may have been missed meanwhile;
 * - `missed`: the subscription still exists but notifications were dropped: sync.
 */
export async function handleMicrosoftLifecycleNotifications(
  ctx: CalendarContext,
  items: unknown[],
  onConnectionChanged: ConnectionChanged,
): Promise<void> {
  for (const { notification, connection } of await authenticNotifications(ctx, items)) {
    const event = notification.lifecycleEvent?.toLowerCase();
    // Renewing a subscription Graph no longer knows opens a new one (watchConnection).
    if (event === 'reauthorizationrequired') await watchConnection(ctx, connection);
    else if (event === 'subscriptionremoved') {
      await subscribeAgain(ctx, connection);
      await onConnectionChanged(connection.id);
    } else if (event === 'missed') await onConnectionChanged(connection.id);
  }
}
