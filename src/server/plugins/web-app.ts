import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiFailure } from '../../shared/envelope.ts';

/**
 * Serves the built React app (dist/web) and falls back to index.html for client-side routes.
 * Paths under /api stay JSON 404s so a typo in an API call never returns a web page.
 */
export const webAppPlugin = fp(
  async (app: FastifyInstance, options: { root: string }) => {
    const hasBuild = existsSync(options.root);
    if (hasBuild) {
      await app.register(fastifyStatic, { root: options.root, wildcard: false, index: false });
    }
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const isPage = request.method === 'GET' && !path.startsWith('/api/') && !path.includes('.');
      if (isPage && hasBuild) return reply.type('text/html').sendFile('index.html');
      const body: ApiFailure = {
        success: false,
        error: {
          code: 'NOT_FOUND',
          message: isPage
            ? 'The web app is not built: run `npm run build` (or `npm run dev` while developing)'
            : `No route for ${request.method} ${path}`,
          requestId: String(request.id),
        },
      };
      return reply.code(404).send(body);
    });
  },
  { name: 'web-app' },
);
