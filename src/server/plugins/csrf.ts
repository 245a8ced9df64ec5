import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiFailure } from '../../shared/envelope.ts';

const sessionCookie = /(?:^|;\s*)(?:__Secure-)?better-auth\.session_token=/;
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests that carry our session cookie but come from another site.
 * Same approach as Go's http.CrossOriginProtection: browsers send Sec-Fetch-Site and Origin on
 * such requests, so a cross-site form or fetch is recognised; requests with neither header come
 * from non-browser clients (curl, servers), which cannot be made to carry a victim's cookie.
 * SameSite=Lax cookies already stop most of this; this check does not rely on it.
 */
export const csrfPlugin = fp(
  async (app: FastifyInstance, options: { trustedOrigins: string[] }) => {
    const trusted = new Set(options.trustedOrigins);
    app.addHook('onRequest', async (request, reply) => {
      if (safeMethods.has(request.method)) return;
      if (!sessionCookie.test(request.headers.cookie ?? '')) return;
      const origin = request.headers.origin;
      const site = request.headers['sec-fetch-site'];
      const crossSite = origin
        ? !trusted.has(origin)
        : site !== undefined && site !== 'same-origin' && site !== 'none';
      if (!crossSite) return;
      const body: ApiFailure = {
        success: false,
        error: {
          code: 'CSRF_REJECTED',
          message: 'Cross-site request refused: this action must come from the Rendezvous app itself',
          requestId: String(request.id),
        },
      };
      return reply.code(403).send(body);
    });
  },
  { name: 'csrf' },
);
