import 'dotenv/config';
import { loadConfig } from '../src/config/index.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { buildApp, loggerOptions } from '../src/server/app.ts';
import { seedDemoTenant } from './demo/seed-demo-tenant.ts';

/**
 * `npm run demo`: Rendezvous on its embedded defaults (PGlite in ./data, a generated key) with
 * a seeded demo practice, ready to sign in to.
 */
async function demo() {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrate(database);
  const tenant = await seedDemoTenant(database.db, config.DATA_DIR);
  const app = await buildApp({ config, database, logger: loggerOptions(config.LOG_LEVEL) });
  await app.listen({ port: config.PORT, host: config.HOST });

  const lines = [
    '',
    `  Rendezvous demo is running at ${config.PUBLIC_URL}`,
    `  Database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'}${tenant.created ? ' (demo practice just created)' : ''}`,
    `  API docs: ${config.PUBLIC_URL}/api/docs`,
    '',
    '  Sign in as:',
    ...tenant.people.map(
      (p) => `    ${p.role === 'owner' ? 'owner/admin' : 'client     '}  ${p.email}  password: ${p.password}`,
    ),
    '',
    '  Stop with Ctrl+C.',
    '',
  ];
  console.log(lines.join('\n'));

  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

demo().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
