import { AppError } from '../../domain/errors.ts';
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
 * in GOOGLE_SERVICE_ACCOUNT_JSON, becomes a connection of the calling admin's practice.
 */
export async function connectGoogleServiceAccount(
  ctx: CalendarContext,
  caller: UserCaller,
): Promise<ConnectionRow> {
  const { serviceAccountJson, serviceAccountCalendarId } = ctx.google;
  if (!serviceAccountJson || !serviceAccountCalendarId) {
    throw new AppError(
      'NOT_CONFIGURED',
      'Set GOOGLE_SERVICE_ACCOUNT_JSON and GOOGLE_CALENDAR_ID to use a service account',
    );
  }
  const key = serviceAccountKeySchema.parse(JSON.parse(serviceAccountJson));
  let tokens: Awaited<ReturnType<typeof fetchServiceAccountToken>>;
  try {
    tokens = await fetchServiceAccountToken(key, ctx.google.tokenUrl);
  } catch (error) {
    throw new AppError('UPSTREAM_ERROR', `Google refused the service account: ${(error as Error).message}`);
  }
  return storeCalendarConnection(ctx, {
    tenantId: caller.tenantId,
    userId: caller.userId,
    provider: 'google',
    authType: 'service_account',
    email: key.client_email,
    calendarId: serviceAccountCalendarId,
    tokens: { accessToken: tokens.accessToken, expiresAt: tokens.expiresAt },
  });
}
