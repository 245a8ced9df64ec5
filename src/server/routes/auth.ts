import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { invalid } from '../../domain/errors.ts';
import { signUpPractice } from '../../services/tenancy/sign-up-practice.ts';
import { meSchema, signUpSchema } from '../../shared/auth.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import type { Auth } from '../auth/better-auth.ts';
import { toFetchHeaders } from '../auth/fetch-bridge.ts';
import { ok } from '../reply.ts';

/**
 * Better Auth endpoints the product uses. Everything else Better Auth could expose (its own
 * sign-up, which would create a user without a tenant; organization management, which our
 * admin API owns) is not forwarded.
 */
const forwardedAuthPaths = new Set(['sign-in/email', 'sign-out', 'get-session', 'change-password']);

/**
 * Forwarded paths that take no credential, left out of the auth rate limit: every page load asks
 * for the session (the sign-in page too), and signing out guesses nothing. Counted with the
 * credential endpoints, opening the sign-in page ten times would lock its visitor out of signing in.
 */
const uncountedAuthPaths = new Set(['get-session', 'sign-out']);

/** The Better Auth path a request under /api/auth/* names ("sign-in/email"). */
const authPath = (request: FastifyRequest) => (request.params as { '*': string })['*'].split('?')[0] ?? '';

export interface AuthRoutesOptions {
  auth: Auth;
  db: Database;
  publicUrl: string;
  rateLimit: { max: number; timeWindowMs: number };
}

/**
 * Better Auth echoes the session token in its answers: at the top of sign-in bodies, in
 * `session.token` of get-session's. The HTTP-only cookie already carries it, and a copy readable
 * by page scripts would undo what HTTP-only buys.
 */
function withoutSessionToken(body: string): string {
  if (!body.startsWith('{')) return body;
  try {
    const { token: _token, ...rest } = JSON.parse(body) as Record<string, unknown>;
    const session = rest.session;
    if (session !== null && typeof session === 'object' && !Array.isArray(session)) {
      const { token: _sessionToken, ...kept } = session as Record<string, unknown>;
      rest.session = kept;
    }
    return JSON.stringify(rest);
  } catch {
    return body;
  }
}

/**
 * A refusal of Better Auth's (`{ code, message }`) in the envelope every other endpoint answers
 * with, so that a caller reads one error shape across the API. Anything else passes as it came.
 */
function inEnvelope(body: string, requestId: string): string {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return body;
    const { code, message } = parsed as Record<string, unknown>;
    if (typeof code !== 'string') return body;
    // No session: the code every other endpoint gives for it, so one word means "sign in".
    const ours = code === 'UNAUTHORIZED' ? 'UNAUTHENTICATED' : code;
    return JSON.stringify({
      success: false,
      error: { code: ours, message: typeof message === 'string' ? message : code, requestId },
    });
  } catch {
    return body;
  }
}

/**
 * The body to forward: the forwarded endpoints all take one flat JSON object (an email, a
 * password, a flag), so anything else is refused here, before it is written out again for
 * Better Auth (a deeply nested value would exhaust the stack doing so).
 */
function flatJsonBody(body: unknown): string {
  if (body === undefined || body === null) return '{}';
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalid('Expected a JSON object', [{ path: 'body', message: 'Expected a JSON object' }]);
  }
  for (const [key, value] of Object.entries(body)) {
    if (value !== null && typeof value === 'object') {
      throw invalid(`Unexpected nested value in ${key}`, [
        { path: `body.${key}`, message: 'Expected a string, a number or a boolean' },
      ]);
    }
  }
  return JSON.stringify(body);
}

async function forwardToBetterAuth(
  auth: Auth,
  publicUrl: string,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const url = new URL(request.url, publicUrl);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const response = await auth.handler(
    new Request(url, {
      method: request.method,
      headers: toFetchHeaders(request.headers),
      body: hasBody ? flatJsonBody(request.body) : undefined,
    }),
  );
  reply.code(response.status);
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) reply.header('set-cookie', cookies);
  const body = await response.text();
  return reply.send(response.ok ? withoutSessionToken(body) : inEnvelope(body, request.id));
}

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions) {
  const rateLimit = { max: options.rateLimit.max, timeWindow: options.rateLimit.timeWindowMs };
  const credentialRateLimit = {
    ...rateLimit,
    allowList: (request: FastifyRequest) => uncountedAuthPaths.has(authPath(request)),
  };
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/api/signup',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Create a practice (tenant) with its owner, and sign in',
        body: signUpSchema,
        response: { 201: successEnvelope(meSchema), 409: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const { me, setCookies } = await signUpPractice(options.auth, options.db, request.body);
      reply.header('set-cookie', setCookies);
      return reply.code(201).send(ok(me));
    },
  );

  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    config: { rateLimit: credentialRateLimit },
    schema: { hide: true },
    handler: async (request, reply) => {
      const path = authPath(request);
      if (!forwardedAuthPaths.has(path)) {
        return reply.code(404).send({
          success: false,
          error: {
            code: 'NOT_FOUND',
            message: `No route for ${request.method} /api/auth/${path}`,
            requestId: request.id,
          },
        });
      }
      return forwardToBetterAuth(options.auth, options.publicUrl, request, reply);
    },
  });
}
