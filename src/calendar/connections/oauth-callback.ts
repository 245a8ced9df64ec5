import type { UserCaller } from '../../server/plugins/caller.ts';
import type { connectErrors } from '../../shared/calendar.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { ProviderError } from '../errors.ts';
import { readOAuthState } from '../oauth-state.ts';
import type { CalendarProviderName } from '../provider.ts';
import type { TokenSet } from '../token-set.ts';
import type { ConnectionRow } from './connection-dto.ts';
import { CalendarConnectedAlreadyError } from './same-calendar.ts';
import { storeCalendarConnection } from './store-calendar-connection.ts';

/** Why a callback did not connect, as the spec's troubleshooting names it. */
export type ConnectFailure = (typeof connectErrors)[number];

export interface OAuthCallbackQuery {
  code?: string;
  state?: string;
  error?: string;
}

/**
 * The checks every provider's callback makes before exchanging the code: the sealed state is
 * genuine, fresh and for this provider; the browser that comes back is the one that started (no
 * attaching a calendar to someone else's account); the user did not refuse.
 */
export function checkOAuthCallback(
  ctx: CalendarContext,
  caller: UserCaller | null,
  provider: CalendarProviderName,
  query: OAuthCallbackQuery,
): { ok: true; caller: UserCaller; code: string } | { ok: false; reason: ConnectFailure } {
  const state = readOAuthState(ctx.stateBox, query.state);
  if (!state.ok) return { ok: false, reason: state.error };
  if (
    state.data.provider !== provider ||
    !caller ||
    caller.userId !== state.data.userId ||
    caller.tenantId !== state.data.tenantId
  ) {
    return { ok: false, reason: 'invalid_state' };
  }
  if (query.error)
    return { ok: false, reason: query.error === 'access_denied' ? 'access_denied' : 'exchange_failed' };
  if (!query.code) return { ok: false, reason: 'exchange_failed' };
  return { ok: true, caller, code: query.code };
}

/**
 * Step 2 of every OAuth connect: checks the callback, exchanges the code with the provider's
 * `exchange`, stores the tokens encrypted (calendar `primary`). A provider refusal is
 * `exchange_failed`; a calendar the practice has connected already, `already_connected`
 * (same-calendar.ts); anything else is a bug and propagates.
 */
export async function completeOAuthConnect(
  ctx: CalendarContext,
  caller: UserCaller | null,
  provider: CalendarProviderName,
  query: OAuthCallbackQuery,
  exchange: (code: string) => Promise<{ tokens: TokenSet; email: string | null }>,
): Promise<{ ok: true; connection: ConnectionRow } | { ok: false; reason: ConnectFailure }> {
  const checked = checkOAuthCallback(ctx, caller, provider, query);
  if (!checked.ok) return checked;
  try {
    const { tokens, email } = await exchange(checked.code);
    const connection = await storeCalendarConnection(ctx, {
      tenantId: checked.caller.tenantId,
      userId: checked.caller.userId,
      provider,
      authType: 'oauth',
      email,
      calendarId: 'primary',
      tokens,
    });
    return { ok: true, connection };
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, reason: 'exchange_failed' };
    if (error instanceof CalendarConnectedAlreadyError) return { ok: false, reason: 'already_connected' };
    throw error;
  }
}
