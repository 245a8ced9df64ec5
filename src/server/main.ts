import 'dotenv/config';
import { ConfigError, loadConfig } from '../config/index.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { buildApp, loggerOptions } from './app.ts';

/** Starts Rendezvous: configuration, database and migrations, then the HTTP server. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrate(database);
  const app = await buildApp({ config, database, logger: loggerOptions(config.LOG_LEVEL) });
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`Rendezvous is listening on ${config.PUBLIC_URL} (database: ${database.kind})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal} received: finishing in-flight requests`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Rendezvous failed to start:', error);
  }
  process.exit(1);
});
