import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { calendarConnections } from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { connectedProvider } from '../connections/connected-provider.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import { EventGoneError } from '../errors.ts';

/** Channels live a week; they are renewed once less than a day is left. */
export const channelTtlSeconds = 7 * 24 * 3600;
export const renewBeforeMs = 24 * 3600 * 1000;

const watchTokenContext = (connection: ConnectionRow) => `watch-token:${connection.id}`;

export function defaultWebhookAddress(ctx: CalendarContext, connection: ConnectionRow): string {
  return connection.provider === 'google'
    ? `${ctx.publicUrl}/api/calendar/webhook`
    : `${ctx.publicUrl}/api/calendar/webhook/${connection.provider}`;
}

/**
 * Opens a push channel for a connection with a fresh secret token (kept sealed), then stops the
 * channel it replaces — in that order, so no change falls between two channels. Google cannot
 * extend a channel; a provider that can (Graph) is asked to renew instead.
 */
export async function watchConnection(
  ctx: CalendarContext,
  connection: ConnectionRow,
  address?: string,
): Promise<ConnectionRow> {
  const provider = connectedProvider(ctx, connection);
  const previous =
    connection.watchChannelId && connection.watchResourceId !== null
      ? { channelId: connection.watchChannelId, resourceId: connection.watchResourceId }
      : null;
  if (previous && provider.renewWatch && (!address || address === connection.watchAddress)) {
    try {
      const renewed = await provider.renewWatch(previous, channelTtlSeconds);
      return save(ctx, connection, { watchExpiresAt: renewed.expiresAt });
    } catch (error) {
      // Graph no longer knows the subscription (it expired while nobody renewed it): open a new one.
      if (!(error instanceof EventGoneError)) throw error;
    }
  }
  const token = randomBytes(32).toString('base64url');
  const target = address ?? connection.watchAddress ?? defaultWebhookAddress(ctx, connection);
  const channel = await provider.watch({
    address: target,
    channelId: randomUUID(),
    token,
    ttlSeconds: channelTtlSeconds,
  });
  const updated = await save(ctx, connection, {
    watchChannelId: channel.channelId,
    watchResourceId: channel.resourceId,
    watchTokenEnc: ctx.tokenBox.seal(token, watchTokenContext(connection)),
    watchExpiresAt: channel.expiresAt,
    watchAddress: target,
  });
  if (previous) await provider.unwatch(previous).catch(() => undefined);
  return updated;
}

async function save(ctx: CalendarContext, connection: ConnectionRow, fields: Partial<ConnectionRow>) {
  const [row] = await ctx.db
    .update(calendarConnections)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(calendarConnections.id, connection.id))
    .returning();
  return row!;
}

/** The secret a notification must carry for this connection. */
export function openWatchToken(ctx: CalendarContext, connection: ConnectionRow): string | null {
  if (!connection.watchTokenEnc) return null;
  try {
    return ctx.tokenBox.open(connection.watchTokenEnc, watchTokenContext(connection));
  } catch {
    return null;
  }
}
