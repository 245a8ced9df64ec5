import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../domain/errors.ts';

const nul = '\u0000';

/** The first place in `value` (a path like `body.name`) where a string or a key holds U+0000. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes(nul) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  for (const [key, child] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`;
    if (key.includes(nul)) return at;
    const found = findNul(child, at, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses, naming the field, any request whose path parameters, query or JSON body carry the
 * NUL character (named as the schemas name fields: `params.id`, `querystring.search`, `body.title`).
 * PostgreSQL text cannot hold it: such a value would otherwise fail deep inside
 * a query as a 500, possibly after other writes of the same request had been made. Checked
 * just before the handler: after the caller's access (a caller without it learns nothing about
 * the input rules) and after the route's schema.
 */
export const nulCharactersPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preHandler', async (request) => {
      const path =
        findNul(request.params, 'params') ??
        findNul(request.query, 'querystring') ??
        findNul(request.body, 'body');
      if (!path) return;
      const message = 'Text may not contain the NUL character';
      throw new AppError('VALIDATION_ERROR', `Invalid request: ${path} (${message})`, {
        fields: [{ path, message }],
      });
    });
  },
  { name: 'nul-characters' },
);
