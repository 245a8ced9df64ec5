import { AppError, conflict, forbidden } from '../../domain/errors.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { getGoogleCalendarName, googleCalendarApi } from '../google/google-events.ts';
import {
  exchangeGoogleCode,
  fetchServiceAccountToken,
  getGoogleAuthUrl,
  serviceAccountKeySchema,
} from '../google/google-oauth.ts';
import { isGoogleOAuthConfigured } from '../google/google-settings.ts';
import { createOAuthState } from '../oauth-state.ts';
import type { ConnectionRow } from './connection-dto.ts';
import { completeOAuthConnect, type OAuthCallbackQuery } from './oauth-callback.ts';
import {
  findServiceAccountConnections,
  isServiceAccountConfigured,
  isServiceAccountPractice,
  serviceAccountBelongsElsewhere,
} from './service-account-practice.ts';
import { storeCalendarConnection } from './store-calendar-connection.ts';

/** Step 1: the consent URL, with a sealed state bound to this user, tenant and moment. */
export function startGoogleConnect(ctx: CalendarContext, caller: UserCaller): string {
  if (!isGoogleOAuthConfigured(ctx.google)) {
    throw new AppError(
      'NOT_CONFIGURED',
      'Google Calendar is not configured on this server (GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)',
    );
  }
  const state = createOAuthState(ctx.stateBox, {
    userId: caller.userId,
    tenantId: caller.tenantId,
    provider: 'google',
  });
  return getGoogleAuthUrl(ctx.google, state, caller.email);
}

export type { ConnectFailure } from './oauth-callback.ts';

/** Step 2: the provider sent the user back. Verifies the state, exchanges the code, stores the tokens encrypted. */
export function completeGoogleConnect(
  ctx: CalendarContext,
  caller: UserCaller | null,
  query: OAuthCallbackQuery,
) {
  return completeOAuthConnect(ctx, caller, 'google', query, async (code) => {
    const tokens = await exchangeGoogleCode(ctx.google, code);
    const email = await getGoogleCalendarName(
      googleCalendarApi(ctx.google.apiBaseUrl, tokens.accessToken),
      'primary',
    ).catch(() => null);
    return { tokens, email };
  });
}

/**
 * Service-account mode (spec 002): the calendar in GOOGLE_CALENDAR_ID, shared with the account
 * in GOOGLE_SERVICE_ACCOUNT_JSON, becomes a connection of the one practice it belongs to
 * (service-account-practice.ts); any other practice is refused before anything is fetched or
 * stored. The practice has it once: connecting it again, whoever of its staff does, refreshes
 * the connection it has (reviving it if it had expired) instead of adding a second.
 */
export async function connectGoogleServiceAccount(
  ctx: CalendarContext,
  caller: UserCaller,
): Promise<{ connection: ConnectionRow; isNew: boolean }> {
  const settings = ctx.google;
  if (!isServiceAccountConfigured(settings)) {
    throw new AppError(
      'NOT_CONFIGURED',
      'Set GOOGLE_SERVICE_ACCOUNT_JSON and GOOGLE_CALENDAR_ID to use a service account',
    );
  }
  if (!(await isServiceAccountPractice(ctx.db, settings, caller.tenantId))) {
    throw forbidden(serviceAccountBelongsElsewhere);
  }
  // Two staff pressing Connect at once would otherwise both find nothing and add one each.
  const release = await ctx.locks.tryLock(`service-account-connect:${caller.tenantId}`);
  if (!release)
    throw conflict('The service-account calendar is being connected already: try again in a moment');
  try {
    const [existing] = await findServiceAccountConnections(
      ctx.db,
      caller.tenantId,
      settings.serviceAccountCalendarId,
    );
    const key = serviceAccountKeySchema.parse(JSON.parse(settings.serviceAccountJson));
    let tokens: Awaited<ReturnType<typeof fetchServiceAccountToken>>;
    try {
      tokens = await fetchServiceAccountToken(key, ctx.google.tokenUrl);
    } catch (error) {
      throw new AppError('UPSTREAM_ERROR', `Google refused the service account: ${(error as Error).message}`);
    }
    const connection = await storeCalendarConnection(ctx, {
      tenantId: caller.tenantId,
      // The row is keyed by its user: the existing one's keeps it the same row.
      userId: existing?.userId ?? caller.userId,
      provider: 'google',
      authType: 'service_account',
      email: key.client_email,
      calendarId: settings.serviceAccountCalendarId,
      tokens: { accessToken: tokens.accessToken, expiresAt: tokens.expiresAt },
    });
    return { connection, isNew: connection.id !== existing?.id };
  } finally {
    await release();
  }
}
