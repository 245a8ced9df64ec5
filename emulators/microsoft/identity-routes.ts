import type { FastifyInstance, FastifyReply } from 'fastify';
import { consentPage, errorPage } from './consent-page.ts';
import { IdentityError } from './errors.ts';
import { ACCESS_TOKEN_SECONDS, type PendingAuthorization } from './identity-store.ts';
import { newGuid } from './ids.ts';
import { normalizeScopes } from './scopes.ts';
import type { MicrosoftState } from './state.ts';

type Form = Record<string, string | undefined>;

/** 302 back to the app with query parameters (response_mode=query, v2-oauth2-auth-code-flow.md). */
function redirectTo(reply: FastifyReply, redirectUri: string, params: Form) {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return reply.redirect(url.toString(), 302);
}

function clientCredentials(form: Form, authorization: string | undefined) {
  const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString().split(':');
    return { clientId: decodeURIComponent(id), clientSecret: decodeURIComponent(secret ?? '') };
  }
  return { clientId: form.client_id, clientSecret: form.client_secret };
}

/** `/{tenant}/oauth2/v2.0/authorize`, its consent form, and `/{tenant}/oauth2/v2.0/token`. */
export function registerIdentityRoutes(app: FastifyInstance, state: MicrosoftState): void {
  const { identity, users } = state;

  app.get('/:tenant/oauth2/v2.0/authorize', async (request, reply) => {
    const { tenant } = request.params as { tenant: string };
    const q = request.query as Form;
    const html = (status: number, code: number, message: string) =>
      reply.code(status).type('text/html; charset=utf-8').send(errorPage(code, message));
    const app = identity.apps.get(q.client_id ?? '');
    if (!app)
      return html(
        400,
        700016,
        `Application with identifier '${q.client_id ?? ''}' was not found in the directory '${tenant}'.`,
      );
    // An unregistered redirect URI is never redirected to: the error stays on the sign-in page.
    if (!q.redirect_uri || (app.redirectUris && !app.redirectUris.includes(q.redirect_uri))) {
      return html(
        400,
        50011,
        `The redirect URI '${q.redirect_uri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'.`,
      );
    }
    if (q.response_type !== 'code') {
      return redirectTo(reply, q.redirect_uri, {
        error: 'unsupported_response_type',
        error_description: `AADSTS700054: response_type '${q.response_type ?? ''}' is not enabled for the application.`,
        state: q.state,
      });
    }
    let scopes: string[];
    try {
      scopes = normalizeScopes(q.scope);
    } catch (error) {
      const e = error as IdentityError;
      return redirectTo(reply, q.redirect_uri, {
        error: e.error,
        error_description: e.message,
        state: q.state,
      });
    }
    const all = users.list();
    const hinted = q.login_hint ? users.find(q.login_hint) : undefined;
    const selected = hinted ?? all[0];
    if (!selected)
      return html(400, 50034, 'The user account does not exist. Seed one with POST /__emulator/users.');
    const pending: PendingAuthorization = {
      id: newGuid(),
      tenant,
      clientId: app.clientId,
      redirectUri: q.redirect_uri,
      scopes,
      state: q.state,
      loginHint: q.login_hint,
      codeChallenge: q.code_challenge,
      codeChallengeMethod: q.code_challenge_method,
    };
    identity.pending.set(pending.id, pending);
    return reply
      .type('text/html; charset=utf-8')
      .send(consentPage(pending, hinted ? [hinted] : all, selected));
  });

  app.post('/:tenant/oauth2/v2.0/consent', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const pending = identity.pending.get(form.request ?? '');
    if (!pending) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(errorPage(90014, 'The consent request has expired or was already answered.'));
    }
    identity.pending.delete(pending.id);
    if (form.decision !== 'accept') {
      // User pressed Cancel on consent: access_denied with AADSTS65004 (v2-oauth2-auth-code-flow.md error table).
      return redirectTo(reply, pending.redirectUri, {
        error: 'access_denied',
        error_subcode: 'cancel',
        error_description: 'AADSTS65004: User declined to consent to access the app.',
        state: pending.state,
      });
    }
    const user = users.find(form.account ?? '') ?? users.find(pending.loginHint ?? '') ?? users.list()[0];
    if (!user)
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(errorPage(50034, 'The user account does not exist.'));
    const code = identity.issueCode(pending, user.id);
    return redirectTo(reply, pending.redirectUri, { code, state: pending.state, session_state: newGuid() });
  });

  app.post('/:tenant/oauth2/v2.0/token', async (request, reply) => {
    const { tenant } = request.params as { tenant: string };
    const form = (request.body ?? {}) as Form;
    const { clientId, clientSecret } = clientCredentials(form, request.headers.authorization);
    const app = identity.findApp(clientId, tenant);
    if (!clientSecret) {
      throw new IdentityError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    }
    if (clientSecret !== app.clientSecret) {
      throw new IdentityError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
      );
    }
    let grant: { userId: string; scopes: string[] };
    if (form.grant_type === 'authorization_code') {
      if (!form.code)
        throw new IdentityError(
          400,
          'invalid_request',
          900144,
          "The request body must contain the following parameter: 'code'.",
        );
      grant = identity.redeemCode(form.code, app.clientId, form.redirect_uri, form.code_verifier);
    } else if (form.grant_type === 'refresh_token') {
      if (!form.refresh_token)
        throw new IdentityError(
          400,
          'invalid_request',
          900144,
          "The request body must contain the following parameter: 'refresh_token'.",
        );
      const old = identity.redeemRefreshToken(form.refresh_token, app.clientId);
      // A narrower scope may be asked for on refresh; offline_access stays with the grant.
      const asked = form.scope ? normalizeScopes(form.scope) : old.scopes;
      grant = {
        userId: old.userId,
        scopes: [...new Set([...asked.filter((s) => old.scopes.includes(s)), 'offline_access'])],
      };
    } else if (!form.grant_type) {
      throw new IdentityError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    } else {
      throw new IdentityError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.grant_type}'.`,
      );
    }
    const user = users.find(grant.userId);
    if (!user)
      throw new IdentityError(
        400,
        'invalid_grant',
        50034,
        'The user account does not exist in the directory.',
      );
    const tokens = identity.issueTokens(user, app.clientId, grant.scopes);
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    // Shape: msid-token-response.docs.verbatim.jsonc (+ ext_expires_in as sent in practice).
    return {
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
      expires_in: ACCESS_TOKEN_SECONDS,
      ext_expires_in: ACCESS_TOKEN_SECONDS,
      access_token: tokens.accessToken,
      ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
      ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
    };
  });
}
