import { z } from 'zod';
import { AuthRevokedError, PermanentProviderError } from '../errors.ts';
import { expiresAtFrom, type TokenSet } from '../token-set.ts';
import { identityError, networkError } from './microsoft-errors.ts';
import { type MicrosoftSettings, microsoftEndpoint, microsoftScopes } from './microsoft-settings.ts';

/**
 * The consent URL (identity platform v2 authorization code flow): query response mode, our
 * scopes, the sealed state. `prompt=select_account` lets a user with several Microsoft accounts
 * pick the calendar's, rather than silently reusing the browser's session.
 */
export function getMicrosoftAuthUrl(settings: MicrosoftSettings, state: string, loginHint?: string): string {
  const url = new URL(microsoftEndpoint(settings, 'authorize'));
  const params: Record<string, string | undefined> = {
    client_id: settings.clientId,
    response_type: 'code',
    redirect_uri: settings.redirectUri,
    response_mode: 'query',
    scope: microsoftScopes.join(' '),
    state,
    prompt: 'select_account',
    login_hint: loginHint,
  };
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url.toString();
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
  id_token: z.string().optional(),
});

export interface MicrosoftTokenSet extends TokenSet {
  /** The account's address from the id_token (`email`, else `preferred_username`), when `openid email` was granted. */
  email: string | null;
}

function requireClient(settings: MicrosoftSettings) {
  if (!settings.clientId || !settings.clientSecret) {
    throw new AuthRevokedError('Microsoft OAuth is not configured (MICROSOFT_CLIENT_ID/SECRET)');
  }
  return { client_id: settings.clientId, client_secret: settings.clientSecret };
}

/**
 * The id_token's claims. It came straight from the token endpoint over TLS, which OpenID Connect
 * Core §3.1.3.7 accepts in place of checking its signature; we only read the address from it.
 */
function emailFromIdToken(idToken: string | undefined): string | null {
  const payload = idToken?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const email = claims.email ?? claims.preferred_username;
    return typeof email === 'string' && email.includes('@') ? email.toLowerCase() : null;
  } catch {
    return null;
  }
}

async function postTokenForm(
  settings: MicrosoftSettings,
  form: Record<string, string>,
): Promise<MicrosoftTokenSet> {
  let response: Response;
  try {
    response = await fetch(microsoftEndpoint(settings, 'token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...requireClient(settings), scope: microsoftScopes.join(' '), ...form }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw networkError(error);
  }
  const data = (await response.json().catch(() => ({}))) as unknown;
  if (!response.ok) throw identityError(response.status, response.headers, data);
  const parsed = tokenResponse.safeParse(data);
  if (!parsed.success)
    throw new PermanentProviderError('Microsoft token endpoint returned an unexpected body');
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresAt: expiresAtFrom(parsed.data.expires_in),
    scope: parsed.data.scope,
    email: emailFromIdToken(parsed.data.id_token),
  };
}

export function exchangeMicrosoftCode(settings: MicrosoftSettings, code: string): Promise<MicrosoftTokenSet> {
  return postTokenForm(settings, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: settings.redirectUri,
  });
}

/**
 * A fresh access token. Microsoft rotates refresh tokens: the answer carries a NEW refresh token
 * that must replace the stored one (the emulator, stricter than Entra ID, kills the old one at once).
 */
export async function refreshMicrosoftToken(
  settings: MicrosoftSettings,
  refreshToken: string,
): Promise<MicrosoftTokenSet> {
  return postTokenForm(settings, { grant_type: 'refresh_token', refresh_token: refreshToken });
}
