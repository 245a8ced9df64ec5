import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../db/client.ts';
import { migrationsApplied } from '../../db/migrate.ts';

/** Liveness (/healthz: the process answers) and readiness (/readyz: database reachable and migrated). */
export async function healthRoutes(app: FastifyInstance, options: { database: DatabaseHandle }) {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const checks = { database: false, migrations: false };
    try {
      await options.database.query('select 1');
      checks.database = true;
      checks.migrations = await migrationsApplied(options.database);
    } catch {
      // reported below as not ready
    }
    const ready = checks.database && checks.migrations;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  });
}
