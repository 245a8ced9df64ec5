import { eq } from 'drizzle-orm';
import { calendarConnections } from '../../db/schema/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { AuthRevokedError } from '../errors.ts';
import {
  fetchServiceAccountToken,
  refreshGoogleToken,
  serviceAccountKeySchema,
} from '../google/google-oauth.ts';
import { refreshMicrosoftToken } from '../microsoft/microsoft-oauth.ts';
import { refreshMarginMs, type TokenSet } from '../token-set.ts';
import { type ConnectionRow, tokenContext } from './connection-dto.ts';
import { markConnectionExpired } from './mark-connection-status.ts';
import { isServiceAccountPractice, serviceAccountBelongsElsewhere } from './service-account-practice.ts';

const isFresh = (row: Pick<ConnectionRow, 'accessTokenEnc' | 'expiresAt'>) =>
  Boolean(row.accessTokenEnc && row.expiresAt && row.expiresAt.getTime() - Date.now() > refreshMarginMs);

/** Refreshes in flight, by connection: concurrent callers share one request to the provider. */
const refreshing = new Map<string, Promise<string>>();

/**
 * A usable access token for a connection: the stored one while it has more than five minutes
 * left, otherwise a refreshed one (stored encrypted before it is used). One refresh at a time
 * per connection in this process, and a refresh starts from the stored tokens, not from the
 * caller's copy of the row, which may predate another caller's refresh (and Microsoft's rotation
 * of the refresh token). Across processes a second refresh is harmless (Google keeps the refresh
 * token; Entra ID keeps a rotated one valid, and the one stored last is kept).
 * A refused refresh (invalid_grant) marks the connection expired and throws AuthRevokedError.
 */
export async function getValidAccessToken(
  ctx: CalendarContext,
  connection: ConnectionRow,
  options: { force?: boolean } = {},
): Promise<string> {
  if (connection.status === 'expired' || connection.status === 'revoked') {
    throw new AuthRevokedError('The calendar connection has expired: reconnect it');
  }
  const context = tokenContext(connection);
  if (!options.force && isFresh(connection)) return ctx.tokenBox.open(connection.accessTokenEnc!, context);

  const inFlight = refreshing.get(connection.id);
  if (inFlight) return inFlight;
  const refresh = refreshAndStore(ctx, connection, context).finally(() => refreshing.delete(connection.id));
  refreshing.set(connection.id, refresh);
  return refresh;
}

/**
 * The stored tokens, which may be newer than this copy of the row: another caller (in this
 * process with its own copy, or another process) may have refreshed meanwhile — and, with
 * Microsoft, rotated the refresh token, so the copy's one is dead. The copy is brought up to
 * date; a fresh access token stored since the copy was read is used rather than refreshing again.
 */
async function catchUpWithStoredTokens(
  ctx: CalendarContext,
  connection: ConnectionRow,
  context: string,
): Promise<string | null> {
  const [stored] = await ctx.db
    .select({
      accessTokenEnc: calendarConnections.accessTokenEnc,
      refreshTokenEnc: calendarConnections.refreshTokenEnc,
      expiresAt: calendarConnections.expiresAt,
      status: calendarConnections.status,
    })
    .from(calendarConnections)
    .where(eq(calendarConnections.id, connection.id));
  if (!stored) return null;
  const refreshedMeanwhile = stored.accessTokenEnc !== connection.accessTokenEnc;
  Object.assign(connection, stored);
  if (stored.status === 'expired' || stored.status === 'revoked') {
    throw new AuthRevokedError('The calendar connection has expired: reconnect it');
  }
  return refreshedMeanwhile && isFresh(stored) ? ctx.tokenBox.open(stored.accessTokenEnc!, context) : null;
}

async function refreshAndStore(
  ctx: CalendarContext,
  connection: ConnectionRow,
  context: string,
): Promise<string> {
  const current = await catchUpWithStoredTokens(ctx, connection, context);
  if (current) return current;
  let tokens: TokenSet;
  try {
    tokens = await requestNewToken(ctx, connection, context);
  } catch (error) {
    if (error instanceof AuthRevokedError) {
      await markConnectionExpired(ctx.db, connection.id, error.message);
    }
    throw error;
  }
  const sealed = {
    accessTokenEnc: ctx.tokenBox.seal(tokens.accessToken, context),
    // Providers that rotate refresh tokens (Microsoft) return a new one: keep it, or the next refresh fails.
    ...(tokens.refreshToken ? { refreshTokenEnc: ctx.tokenBox.seal(tokens.refreshToken, context) } : {}),
    encryptionKeyId: ctx.tokenBox.currentKeyId,
    expiresAt: tokens.expiresAt,
  };
  await ctx.db
    .update(calendarConnections)
    .set({ ...sealed, updatedAt: new Date() })
    .where(eq(calendarConnections.id, connection.id));
  // The caller's copy of the row goes on being used: it must hold what is stored now.
  Object.assign(connection, sealed);
  return tokens.accessToken;
}

async function requestNewToken(
  ctx: CalendarContext,
  connection: ConnectionRow,
  context: string,
): Promise<TokenSet> {
  if (connection.provider === 'microsoft') {
    if (!connection.refreshTokenEnc)
      throw new AuthRevokedError('No refresh token was granted: reconnect the calendar');
    // The answer carries a new refresh token; refreshAndStore keeps it (the old one may be dead already).
    return refreshMicrosoftToken(ctx.microsoft, ctx.tokenBox.open(connection.refreshTokenEnc, context));
  }
  if (connection.provider !== 'google') {
    throw new AppError('NOT_CONFIGURED', `Token refresh for ${connection.provider} is not available yet`);
  }
  if (connection.authType === 'service_account') {
    if (!ctx.google.serviceAccountJson)
      throw new AuthRevokedError('GOOGLE_SERVICE_ACCOUNT_JSON is no longer configured');
    // A connection made before the calendar was bound to one practice, or before
    // GOOGLE_SERVICE_ACCOUNT_PRACTICE named another, stops at its next token.
    if (!(await isServiceAccountPractice(ctx.db, ctx.google, connection.tenantId)))
      throw new AuthRevokedError(serviceAccountBelongsElsewhere);
    const key = serviceAccountKeySchema.parse(JSON.parse(ctx.google.serviceAccountJson));
    return fetchServiceAccountToken(key, ctx.google.tokenUrl);
  }
  if (!connection.refreshTokenEnc)
    throw new AuthRevokedError('No refresh token was granted: reconnect the calendar');
  return refreshGoogleToken(ctx.google, ctx.tokenBox.open(connection.refreshTokenEnc, context));
}
