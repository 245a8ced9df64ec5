import { AppError } from '../../domain/errors.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { exchangeMicrosoftCode, getMicrosoftAuthUrl } from '../microsoft/microsoft-oauth.ts';
import { isMicrosoftOAuthConfigured } from '../microsoft/microsoft-settings.ts';
import { createOAuthState } from '../oauth-state.ts';
import { completeOAuthConnect, type OAuthCallbackQuery } from './oauth-callback.ts';

/** Step 1: the Microsoft consent URL, with a sealed state bound to this user, tenant and moment. */
export function startMicrosoftConnect(ctx: CalendarContext, caller: UserCaller): string {
  if (!isMicrosoftOAuthConfigured(ctx.microsoft)) {
    throw new AppError(
      'NOT_CONFIGURED',
      'Microsoft Outlook is not configured on this server (MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET)',
    );
  }
  const state = createOAuthState(ctx.stateBox, {
    userId: caller.userId,
    tenantId: caller.tenantId,
    provider: 'microsoft',
  });
  return getMicrosoftAuthUrl(ctx.microsoft, state, caller.email);
}

/**
 * Step 2: Microsoft sent the user back. The account's address comes from the id_token of the
 * code exchange (`openid email`), so no Graph profile call or User.Read permission is needed.
 */
export function completeMicrosoftConnect(
  ctx: CalendarContext,
  caller: UserCaller | null,
  query: OAuthCallbackQuery,
) {
  return completeOAuthConnect(ctx, caller, 'microsoft', query, async (code) => {
    const tokens = await exchangeMicrosoftCode(ctx.microsoft, code);
    return { tokens, email: tokens.email };
  });
}
