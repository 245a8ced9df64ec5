import { createHash, createVerify } from 'node:crypto';
import { OAuthError } from './errors.ts';
import {
  type AccessToken,
  type AuthorizationCode,
  type GoogleEmulatorState,
  type Principal,
  type RefreshToken,
  randomId,
} from './state.ts';

/**
 * The token endpoint's grants (PROVIDERS.md A5): authorization_code, refresh_token and the JWT
 * bearer grant of service accounts. Bodies: fixtures google-oauth-token-*-response and
 * google-oauth-invalid_grant*.
 */

/** Access tokens live an hour; Google reports 3599 seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 3599;
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Audiences Google accepts in a service-account assertion, besides the emulator's own /token. */
const GOOGLE_TOKEN_AUDIENCES = [
  'https://oauth2.googleapis.com/token',
  'https://www.googleapis.com/oauth2/v4/token',
  'https://accounts.google.com/o/oauth2/token',
];
/** Signing clients run on the real clock; allow them the skew Google tolerates. */
const JWT_CLOCK_SKEW_SECONDS = 300;

export type TokenRequest = Record<string, string | undefined>;

const revoked = () => new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
const missing = (name: string) =>
  new OAuthError(400, 'invalid_request', `Missing required parameter: ${name}`);

export function authenticateClient(state: GoogleEmulatorState, params: TokenRequest) {
  const client = params.client_id ? state.clients.get(params.client_id) : undefined;
  if (!client) throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (client.clientSecret !== params.client_secret)
    throw new OAuthError(401, 'invalid_client', 'Unauthorized');
  return client;
}

function issueAccessToken(
  state: GoogleEmulatorState,
  principal: Principal,
  clientId: string,
  scopes: string[],
  refreshToken?: string,
): AccessToken {
  const token: AccessToken = {
    token: `ya29.${randomId(24)}`,
    principal,
    clientId,
    scopes,
    expiresAt: state.clock.now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
    refreshToken,
    revoked: false,
  };
  state.accessTokens.set(token.token, token);
  return token;
}

function checkCodeVerifier(code: AuthorizationCode, verifier: string | undefined) {
  if (!code.codeChallenge) return;
  if (!verifier) throw new OAuthError(400, 'invalid_grant', 'Missing code verifier.');
  const computed =
    code.codeChallengeMethod === 'S256'
      ? createHash('sha256').update(verifier).digest('base64url')
      : verifier;
  if (computed !== code.codeChallenge) throw new OAuthError(400, 'invalid_grant', 'Invalid code verifier.');
}

export function redeemAuthorizationCode(state: GoogleEmulatorState, params: TokenRequest) {
  if (!params.code) throw missing('code');
  const client = authenticateClient(state, params);
  const code = state.codes.get(params.code);
  if (!code) throw new OAuthError(400, 'invalid_grant', 'Malformed auth code.');
  // A code is single use (fixture google-oauth-invalid_grant.northworld.json).
  if (code.redeemed) throw new OAuthError(400, 'invalid_grant', 'Code was already redeemed.');
  if (code.expiresAt <= state.clock.now() || code.clientId !== client.clientId) {
    throw new OAuthError(400, 'invalid_grant', 'Bad Request');
  }
  if (params.redirect_uri !== code.redirectUri)
    throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
  checkCodeVerifier(code, params.code_verifier);
  code.redeemed = true;
  let refresh: RefreshToken | undefined;
  if (code.issueRefreshToken) {
    refresh = {
      token: `1//${randomId(32)}`,
      email: code.email,
      clientId: client.clientId,
      scopes: code.scopes,
      revoked: false,
    };
    state.refreshTokens.set(refresh.token, refresh);
  }
  const access = issueAccessToken(
    state,
    { email: code.email, kind: 'user' },
    client.clientId,
    code.scopes,
    refresh?.token,
  );
  const response: Record<string, unknown> = {
    access_token: access.token,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
  };
  if (refresh) response.refresh_token = refresh.token;
  response.scope = code.scopes.join(' ');
  response.token_type = 'Bearer';
  return response;
}

/** A refresh answers without a new refresh_token (fixture google-oauth-token-refresh-response). */
export function refreshAccessToken(state: GoogleEmulatorState, params: TokenRequest) {
  if (!params.refresh_token) throw missing('refresh_token');
  const client = authenticateClient(state, params);
  const refresh = state.refreshTokens.get(params.refresh_token);
  if (!refresh) throw new OAuthError(400, 'invalid_grant', 'Bad Request');
  // Fixture google-oauth-invalid_grant-revoked.real-issue.json.
  if (refresh.revoked) throw revoked();
  if (refresh.clientId !== client.clientId) throw new OAuthError(401, 'unauthorized_client', 'Unauthorized');
  const principal: Principal = { email: refresh.email, kind: 'user' };
  const access = issueAccessToken(state, principal, client.clientId, refresh.scopes, refresh.token);
  return {
    access_token: access.token,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    scope: refresh.scopes.join(' '),
    token_type: 'Bearer',
  };
}

function decodeJwtPart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Service-account assertion (node-gtoken claims: iss, scope, aud, exp, iat, sub?; RS256). */
export function exchangeJwtAssertion(state: GoogleEmulatorState, params: TokenRequest, ownTokenUrl: string) {
  if (!params.assertion) throw missing('assertion');
  const [headerPart, payloadPart, signaturePart] = params.assertion.split('.');
  const header = decodeJwtPart(headerPart);
  const claims = decodeJwtPart(payloadPart);
  if (!header || !claims || !signaturePart)
    throw new OAuthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  const account = state.serviceAccounts.get(String(claims.iss));
  if (!account) throw new OAuthError(400, 'invalid_grant', 'Invalid grant: account not found');
  const verifier = createVerify('RSA-SHA256').update(`${headerPart}.${payloadPart}`);
  if (header.alg !== 'RS256' || !verifier.verify(account.publicKeyPem, signaturePart, 'base64url')) {
    throw new OAuthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  }
  if (![ownTokenUrl, ...GOOGLE_TOKEN_AUDIENCES].includes(String(claims.aud))) {
    throw new OAuthError(400, 'invalid_grant', 'Invalid JWT: Failed audience check.');
  }
  const nowSeconds = Date.now() / 1000;
  const exp = Number(claims.exp);
  const iat = Number(claims.iat);
  const isTimely =
    exp > nowSeconds - JWT_CLOCK_SKEW_SECONDS &&
    iat < nowSeconds + JWT_CLOCK_SKEW_SECONDS &&
    exp - iat <= 3600;
  if (!isTimely) {
    throw new OAuthError(
      400,
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  }
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  if (scopes.length === 0) {
    throw new OAuthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  }
  let principal: Principal = { email: account.clientEmail, kind: 'serviceAccount' };
  if (typeof claims.sub === 'string' && claims.sub !== account.clientEmail) {
    // Impersonation needs domain-wide delegation and a known user.
    if (!account.domainWideDelegation || !state.accounts.has(claims.sub)) {
      throw new OAuthError(
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    principal = { email: claims.sub, kind: 'user' };
  }
  const access = issueAccessToken(state, principal, account.clientId, scopes);
  return { access_token: access.token, expires_in: ACCESS_TOKEN_TTL_SECONDS, token_type: 'Bearer' };
}

/** Revokes a refresh token (and the access tokens minted from it) or a single access token. */
export function revokeToken(state: GoogleEmulatorState, token: string): boolean {
  const refresh = state.refreshTokens.get(token);
  if (refresh) {
    refresh.revoked = true;
    for (const access of state.accessTokens.values())
      if (access.refreshToken === token) access.revoked = true;
    return true;
  }
  const access = state.accessTokens.get(token);
  if (access) access.revoked = true;
  return access !== undefined;
}

/** "The user removed the app's access": every refresh token of the account stops working. */
export function revokeAccount(state: GoogleEmulatorState, email: string): number {
  let count = 0;
  for (const refresh of state.refreshTokens.values()) {
    if (refresh.email === email && !refresh.revoked) count += Number(revokeToken(state, refresh.token));
  }
  return count;
}
