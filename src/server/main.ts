import 'dotenv/config';
import { ConfigError, loadConfig } from '../config/index.ts';
import { DataDirInUseError } from '../db/data-dir-lock.ts';
import { startRendezvous } from './start.ts';

/** `npm start` (and start:api / start:worker): configuration, then the process role's work. */
async function main() {
  const config = loadConfig();
  const running = await startRendezvous(config);
  const what = { all: 'API, web app and workers', api: 'API and web app', worker: 'job workers' }[
    config.PROCESS_ROLE
  ];
  console.log(
    `Rendezvous (${what}) is running${running.app ? ` on ${config.PUBLIC_URL}` : ''}; database: ${running.database.kind}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight work`);
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // The operator's to fix, and said in full by the message: no stack trace.
  const explained = error instanceof ConfigError || error instanceof DataDirInUseError;
  console.error(explained ? error.message : `Rendezvous failed to start: ${String(error)}`);
  if (!explained) console.error(error);
  process.exit(1);
});
