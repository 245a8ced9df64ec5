import type { FastifyInstance, FastifyReply } from 'fastify';
import { publicBaseUrl } from './channels-routes.ts';
import { CONSENT_DECISION_PATH, consentPage, oauthErrorPage } from './consent-page.ts';
import { OAuthError } from './errors.ts';
import {
  exchangeJwtAssertion,
  JWT_BEARER_GRANT,
  redeemAuthorizationCode,
  refreshAccessToken,
  revokeToken,
  type TokenRequest,
} from './oauth-tokens.ts';
import { type GoogleEmulatorState, randomId } from './state.ts';

/**
 * OAuth 2.0 endpoints at Google's paths: the consent step `GET /o/oauth2/v2/auth`, the token
 * endpoint `POST /token` and `POST /revoke` (google-auth-library constants, PROVIDERS.md A5).
 */

/** Authorization codes are short-lived. */
const CODE_TTL_MS = 10 * 60 * 1000;

type Params = Record<string, string | undefined>;

function flatten(input: unknown): Params {
  const params: Params = {};
  if (!input || typeof input !== 'object') return params;
  for (const [key, value] of Object.entries(input)) {
    params[key] = Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
  }
  return params;
}

/** Checks client and redirect URI; on failure Google renders an error page instead of redirecting. */
function checkAuthorizationRequest(state: GoogleEmulatorState, params: Params, reply: FastifyReply) {
  const client = params.client_id ? state.clients.get(params.client_id) : undefined;
  const fail = (status: number, error: string, description: string) => {
    reply.code(status).type('text/html; charset=utf-8').send(oauthErrorPage(error, description));
    return false;
  };
  if (!client) return fail(401, 'invalid_client', 'The OAuth client was not found.');
  const redirectUri = params.redirect_uri;
  const isRegistered =
    redirectUri && (client.redirectUris.length === 0 || client.redirectUris.includes(redirectUri));
  if (!redirectUri || !URL.canParse(redirectUri) || !isRegistered) {
    return fail(
      400,
      'redirect_uri_mismatch',
      `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy.`,
    );
  }
  if (params.response_type !== 'code') {
    return fail(400, 'unsupported_response_type', `Invalid response_type: ${params.response_type ?? ''}`);
  }
  if (!params.scope) return fail(400, 'invalid_request', 'Missing required parameter: scope');
  return true;
}

function redirectBack(reply: FastifyReply, redirectUri: string, values: Params) {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(values))
    if (value !== undefined) target.searchParams.set(key, value);
  return reply.redirect(target.toString(), 302);
}

export function registerOAuthRoutes(app: FastifyInstance, state: GoogleEmulatorState): void {
  app.get('/o/oauth2/v2/auth', async (request, reply) => {
    const params = flatten(request.query);
    if (!checkAuthorizationRequest(state, params, reply)) return reply;
    const email = params.login_hint ?? state.accounts.keys().next().value ?? '';
    return reply.type('text/html; charset=utf-8').send(consentPage(params, email));
  });

  app.post(CONSENT_DECISION_PATH, async (request, reply) => {
    const params = flatten(request.body);
    if (!checkAuthorizationRequest(state, params, reply)) return reply;
    const redirectUri = params.redirect_uri!;
    if (params.decision !== 'allow') {
      return redirectBack(reply, redirectUri, { error: 'access_denied', state: params.state });
    }
    const email = params.email?.trim();
    if (!email)
      return reply.code(400).type('text/html').send(oauthErrorPage('invalid_request', 'Choose an account'));
    state.ensureAccount(email);
    const grantKey = `${params.client_id} ${email}`;
    // Google returns a refresh token for offline access on first consent, or again with prompt=consent.
    const isOffline = params.access_type === 'offline';
    const issueRefreshToken =
      isOffline && (!state.grants.has(grantKey) || (params.prompt ?? '').includes('consent'));
    state.grants.add(grantKey);
    const code = `4/0A${randomId(24)}`;
    state.codes.set(code, {
      code,
      email,
      clientId: params.client_id!,
      redirectUri,
      scopes: params.scope!.split(' ').filter(Boolean),
      issueRefreshToken,
      codeChallenge: params.code_challenge,
      codeChallengeMethod: params.code_challenge_method,
      expiresAt: state.clock.now() + CODE_TTL_MS,
      redeemed: false,
    });
    return redirectBack(reply, redirectUri, { state: params.state, code, scope: params.scope });
  });

  // Form-encoded as Google documents it; JSON bodies are accepted too, as Google does.
  app.post('/token', async (request) => {
    const params: TokenRequest = flatten(request.body);
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (basic) {
      const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      params.client_id ??= decodeURIComponent(id ?? '');
      params.client_secret ??= decodeURIComponent(secret ?? '');
    }
    switch (params.grant_type) {
      case 'authorization_code':
        return redeemAuthorizationCode(state, params);
      case 'refresh_token':
        return refreshAccessToken(state, params);
      case JWT_BEARER_GRANT:
        return exchangeJwtAssertion(state, params, `${publicBaseUrl(state, request)}/token`);
      case undefined:
        throw new OAuthError(400, 'unsupported_grant_type', 'Invalid grant_type: ');
      default:
        throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${params.grant_type}`);
    }
  });

  app.post('/revoke', async (request) => {
    const params = { ...flatten(request.query), ...flatten(request.body) };
    if (!params.token || !revokeToken(state, params.token)) {
      throw new OAuthError(400, 'invalid_token', 'Token expired or revoked');
    }
    return {};
  });
}
