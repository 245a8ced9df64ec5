import { createSign } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import { z } from 'zod';
import { AuthRevokedError, PermanentProviderError } from '../errors.ts';
import { expiresAtFrom, type TokenSet } from '../token-set.ts';
import { toProviderError } from './google-errors.ts';
import { type GoogleSettings, googleCalendarScope } from './google-settings.ts';

function oauthClient(settings: GoogleSettings): OAuth2Client {
  return new OAuth2Client({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: settings.redirectUri,
    endpoints: { oauth2AuthBaseUrl: settings.authUrl, oauth2TokenUrl: settings.tokenUrl },
  });
}

/**
 * The consent URL: offline access and `prompt=consent` so Google always returns a refresh token,
 * even to a user who connected before (Google's web-server flow guide).
 */
export function getGoogleAuthUrl(settings: GoogleSettings, state: string, loginHint?: string): string {
  return oauthClient(settings).generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    include_granted_scopes: true,
    scope: [googleCalendarScope],
    state,
    login_hint: loginHint,
  });
}

export async function exchangeGoogleCode(settings: GoogleSettings, code: string): Promise<TokenSet> {
  try {
    const { tokens } = await oauthClient(settings).getToken(code);
    if (!tokens.access_token) throw new PermanentProviderError('Google returned no access token');
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? undefined,
      expiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : expiresAtFrom(undefined),
      scope: tokens.scope ?? undefined,
    };
  } catch (error) {
    throw toProviderError(error);
  }
}

const tokenResponse = z.object({
  access_token: z.string(),
  expires_in: z.number().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
});

async function postTokenForm(url: string, form: Record<string, string>): Promise<TokenSet> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw toProviderError(error);
  }
  const data = (await response.json().catch(() => ({}))) as unknown;
  if (!response.ok) {
    throw toProviderError({
      message: `token endpoint answered ${response.status}`,
      response: { status: response.status, headers: response.headers, data },
    });
  }
  const parsed = tokenResponse.safeParse(data);
  if (!parsed.success) throw new PermanentProviderError('Google token endpoint returned an unexpected body');
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresAt: expiresAtFrom(parsed.data.expires_in),
    scope: parsed.data.scope,
  };
}

/** A fresh access token from a refresh token. Google keeps the refresh token (none in the response). */
export async function refreshGoogleToken(settings: GoogleSettings, refreshToken: string): Promise<TokenSet> {
  if (!settings.clientId || !settings.clientSecret) {
    throw new AuthRevokedError('Google OAuth is not configured (GOOGLE_CLIENT_ID/SECRET)');
  }
  return postTokenForm(settings.tokenUrl, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
  });
}

export const serviceAccountKeySchema = z.object({
  client_email: z.string(),
  private_key: z.string(),
  token_uri: z.url().optional(),
});
export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

/**
 * Service-account token by the JWT bearer grant (RFC 7523), signed here rather than through
 * google-auth-library's JWT client because that client always posts to Google's own token URL,
 * and the key file's `token_uri` must be honoured.
 */
export async function fetchServiceAccountToken(
  key: ServiceAccountKey,
  fallbackTokenUrl: string,
): Promise<TokenSet> {
  const tokenUrl = key.token_uri ?? fallbackTokenUrl;
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({
    iss: key.client_email,
    scope: googleCalendarScope,
    aud: tokenUrl,
    iat: now,
    exp: now + 3600,
  })}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key).toString('base64url');
  return postTokenForm(tokenUrl, {
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: `${unsigned}.${signature}`,
  });
}
