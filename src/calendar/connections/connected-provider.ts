import { AppError } from '../../domain/errors.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { AccessTokenRejectedError } from '../errors.ts';
import { googleProvider } from '../google/google-provider.ts';
import { microsoftProvider } from '../microsoft/microsoft-provider.ts';
import type { CalendarProvider } from '../provider.ts';
import { fetchInSlots } from '../request-slots.ts';
import { type RetryOptions, withRetries } from '../retry.ts';
import type { ConnectionRow } from './connection-dto.ts';
import { getValidAccessToken } from './get-valid-access-token.ts';

function providerWithToken(
  ctx: CalendarContext,
  connection: ConnectionRow,
  accessToken: string,
): CalendarProvider {
  const fetch = fetchInSlots(ctx.requestSlots);
  if (connection.provider === 'google')
    return googleProvider(ctx.google.apiBaseUrl, connection.calendarId, accessToken, {
      timeoutMs: ctx.google.requestTimeoutMs,
      fetch,
    });
  if (connection.provider === 'microsoft')
    return microsoftProvider(ctx.microsoft.graphBaseUrl, accessToken, fetch);
  throw new AppError('NOT_CONFIGURED', `${connection.provider} calendars are not available yet`);
}

/**
 * The provider of one connection, made resilient: every call gets a valid token, retries rate
 * limits and server errors with backoff (Retry-After honoured), and on a refused access token
 * refreshes it once and tries again — an expired token never fails a sync silently.
 */
export function connectedProvider(
  ctx: CalendarContext,
  connection: ConnectionRow,
  retry: RetryOptions = ctx.retry,
): CalendarProvider {
  const run = <T>(use: (provider: CalendarProvider) => Promise<T>): Promise<T> =>
    withRetries(async () => {
      const token = await getValidAccessToken(ctx, connection);
      try {
        return await use(providerWithToken(ctx, connection, token));
      } catch (error) {
        if (!(error instanceof AccessTokenRejectedError)) throw error;
        const refreshed = await getValidAccessToken(ctx, connection, { force: true });
        return use(providerWithToken(ctx, connection, refreshed));
      }
    }, retry);

  return {
    name: connection.provider,
    listChanges: (cursor, onPage) => run((p) => p.listChanges(cursor, onPage)),
    getEvent: (id) => run((p) => p.getEvent(id)),
    listUpcoming: (from, max) => run((p) => p.listUpcoming(from, max)),
    insertEvent: (draft, key) => run((p) => p.insertEvent(draft, key)),
    updateEvent: (id, draft, ifVersion) => run((p) => p.updateEvent(id, draft, ifVersion)),
    deleteEvent: (id) => run((p) => p.deleteEvent(id)),
    watch: (options) => run((p) => p.watch(options)),
    unwatch: (channel) => run((p) => p.unwatch(channel)),
    // Google channels cannot be extended (a new one is opened instead); Graph subscriptions can.
    ...(connection.provider === 'google'
      ? {}
      : {
          renewWatch: (channel: { channelId: string; resourceId: string }, ttlSeconds: number) =>
            run((p) => {
              if (!p.renewWatch)
                throw new AppError('NOT_CONFIGURED', `${connection.provider} cannot renew channels`);
              return p.renewWatch(channel, ttlSeconds);
            }),
        }),
  };
}
