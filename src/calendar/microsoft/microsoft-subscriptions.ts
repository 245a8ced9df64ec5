import { z } from 'zod';
import { EventGoneError } from '../errors.ts';
import type { WatchChannel } from '../provider.ts';
import { type GraphClient, graphFetch } from './graph-request.ts';

/**
 * Outlook event subscriptions live at most 4,230 minutes (change-notifications-subscription-lifetime.md
 * @0be37c47; newer notes say 10,080 but the smaller figure is safe everywhere). We ask for a
 * little less, and keep whatever expiry Graph echoes.
 */
export const maxSubscriptionMinutes = 4_200;

/** The resource we watch: the signed-in user's events, as the subscription is created with their token. */
export const watchedResource = '/me/events';

const subscriptionSchema = z.object({
  id: z.string(),
  resource: z.string().nullish(),
  expirationDateTime: z.string(),
});

function expiryFor(ttlSeconds: number, now: number): string {
  const minutes = Math.min(Math.max(Math.floor(ttlSeconds / 60), 5), maxSubscriptionMinutes);
  return new Date(now + minutes * 60_000).toISOString();
}

/** Lifecycle notifications go beside the change notifications: `{address}/lifecycle`. */
export function lifecycleUrlFor(address: string): string {
  return `${address.replace(/\/+$/, '')}/lifecycle`;
}

/**
 * POST /subscriptions: Graph validates both URLs (they must answer the validationToken
 * handshake) before it answers. `clientState` is the secret every notification carries back.
 * Graph chooses the subscription id: `channelId` of the provider interface is not used.
 */
export async function createMicrosoftSubscription(
  client: GraphClient,
  options: { address: string; token: string; ttlSeconds: number },
  now = Date.now(),
): Promise<WatchChannel> {
  const created = subscriptionSchema.parse(
    await graphFetch(client, {
      method: 'POST',
      path: '/subscriptions',
      body: {
        changeType: 'created,updated,deleted',
        notificationUrl: options.address,
        lifecycleNotificationUrl: lifecycleUrlFor(options.address),
        resource: watchedResource,
        expirationDateTime: expiryFor(options.ttlSeconds, now),
        clientState: options.token,
      },
    }),
  );
  return {
    channelId: created.id,
    resourceId: created.resource ?? watchedResource,
    expiresAt: new Date(created.expirationDateTime),
  };
}

/** PATCH /subscriptions/{id} with a new expiry; a subscription Graph no longer knows throws EventGoneError. */
export async function renewMicrosoftSubscription(
  client: GraphClient,
  subscriptionId: string,
  ttlSeconds: number,
  now = Date.now(),
): Promise<WatchChannel> {
  const renewed = subscriptionSchema.parse(
    await graphFetch(client, {
      method: 'PATCH',
      path: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
      body: { expirationDateTime: expiryFor(ttlSeconds, now) },
    }),
  );
  return {
    channelId: renewed.id,
    resourceId: renewed.resource ?? watchedResource,
    expiresAt: new Date(renewed.expirationDateTime),
  };
}

/** DELETE /subscriptions/{id}; one Graph no longer knows (404) is as deleted as it gets. */
export async function deleteMicrosoftSubscription(
  client: GraphClient,
  subscriptionId: string,
): Promise<void> {
  try {
    await graphFetch(client, {
      method: 'DELETE',
      path: `/subscriptions/${encodeURIComponent(subscriptionId)}`,
    });
  } catch (error) {
    if (error instanceof EventGoneError) return;
    throw error;
  }
}
