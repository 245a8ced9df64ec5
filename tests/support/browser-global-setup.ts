import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/server/app.ts';
import { testConfig } from './test-app.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * The browser tests' server: the production build of the web app, served by the real
 * application on a free port with a fresh embedded database, exactly as `npm start` serves it.
 */
export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(path.join(tmpdir(), 'rendezvous-e2e-'));
  const webRoot = path.join(workDir, 'web');
  // Vitest runs with NODE_ENV=test, which would make the React plugin emit development JSX
  // (jsxDEV) against React's production build: a blank page. Build as `npm run build` does.
  const testNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.resolve(import.meta.dirname, '../../vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: webRoot, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = testNodeEnv;
  }

  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  // PUBLIC_URL must be the address the browser uses, so same-origin checks see the right origin.
  const port = 41000 + Math.floor(Math.random() * 9000);
  const config = testConfig({ PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port) });
  const app = await buildApp({
    config,
    database,
    webRoot,
    authRateLimit: { max: 1000, timeWindowMs: 60_000 },
  });
  await app.listen({ port, host: '127.0.0.1' });
  project.provide('baseUrl', config.PUBLIC_URL);

  return async () => {
    await app.close();
    await database.close();
    rmSync(workDir, { recursive: true, force: true });
  };
}
