import { invalid, notFound } from '../../domain/errors.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import { isDeliverableWebhookAddress, webhookAddressRule } from '../../shared/webhook-address.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { listConnectionRows } from '../connections/list-connections.ts';
import { defaultWebhookAddress, watchConnection } from './watch-connection.ts';

/**
 * POST /api/calendar/setup-watch (spec 002): opens a push channel, with its own secret token,
 * on every active calendar of the practice, delivering to `address` (spec 002's webhook_url,
 * e.g. a tunnel while developing) or to this server's webhook under PUBLIC_URL. Watching again
 * replaces each channel: the new one is opened before the old one is stopped.
 */
export async function setupWatch(ctx: CalendarContext, caller: UserCaller, address?: string) {
  const rows = (await listConnectionRows(ctx.db, caller)).filter((c) => c.status === 'active');
  if (rows.length === 0) throw notFound('Active calendar connection');
  // Checked before any channel opens: the provider would refuse it, after some had opened.
  for (const row of rows) {
    const target = address ?? row.watchAddress ?? defaultWebhookAddress(ctx, row);
    if (!isDeliverableWebhookAddress(target)) {
      const message = `The notification address ${target} ${webhookAddressRule}. Set PUBLIC_URL to this server's HTTPS address, or send webhook_url`;
      throw invalid(message, [{ path: 'webhook_url', message }]);
    }
  }
  const watched = [];
  for (const row of rows) {
    const updated = await watchConnection(ctx, row, address);
    watched.push({
      connectionId: updated.id,
      provider: updated.provider,
      channelId: updated.watchChannelId,
      address: updated.watchAddress,
      expiresAt: updated.watchExpiresAt?.toISOString() ?? null,
    });
  }
  return watched;
}
