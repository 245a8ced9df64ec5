import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createPostgresDatabase, testDatabaseKind } from '../support/test-database.ts';

/**
 * `npm run reset-password -- <email>`: the way back in for an owner who lost their password
 * (nobody may reset the owner's in the app, and Rendezvous sends no email). Run as a real
 * process on the same database as the server: a PGlite folder, or PostgreSQL by its URL.
 */
const script = fileURLToPath(new URL('../../scripts/reset-password.ts', import.meta.url));
const kind = testDatabaseKind();

let target: { env: Record<string, string>; open: () => Promise<DatabaseHandle>; drop: () => Promise<void> };
let t: TestApp;
let owner: SignedUpOwner;

beforeAll(async () => {
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'reset-'));
    target = { env: { DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }), drop: async () => {} };
  } else {
    const { url, drop } = await createPostgresDatabase();
    target = {
      env: { DATABASE_URL: url },
      open: () => openDatabase({ databaseUrl: url, dataDir: 'unused' }),
      drop,
    };
  }
  t = await createTestApp({ database: await target.open() });
  owner = await signUpOwner(t.app);
}, 60_000);
afterAll(async () => {
  await t.close();
  await target.drop();
});

function runReset(args: string[], env: Record<string, string> = target.env) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: {
      ...process.env,
      DATA_DIR: '',
      DATABASE_URL: '',
      // As a server on PostgreSQL has one (else loadConfig would write a generated key into ./data).
      ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      LOG_LEVEL: 'silent',
      NODE_ENV: 'development',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

const signIn = async (email: string, password: string) =>
  (await new TestClient(t.app).post('/api/auth/sign-in/email', { email, password })).statusCode;

describe('npm run reset-password', () => {
  it.runIf(kind === 'pglite')(
    'refuses while the server holds the embedded database, changing nothing',
    async () => {
      const run = await runReset([owner.email]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is in use by process');
      expect(await signIn(owner.email, owner.password)).toBe(200);
    },
    30_000,
  );

  it('gives the owner a new password and ends their sessions', async () => {
    // The embedded database is the server's alone: it is stopped for the reset, as the README says.
    if (kind === 'pglite') await t.close();
    const run = await runReset([owner.email.toUpperCase()]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`<${owner.email}>`);
    const password = /^ {4}(\S+)$/m.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{16}$/);
    if (kind === 'pglite') t = await createTestApp({ database: await target.open() });
    else expect((await owner.client.get('/api/me')).statusCode).toBe(401);
    expect(await signIn(owner.email, owner.password)).toBe(401);
    expect(await signIn(owner.email, password!)).toBe(200);
  }, 60_000);

  it('names an unknown email, a missing argument and a folder without a database', async () => {
    if (kind === 'pglite') await t.close();
    try {
      const unknown = await runReset(['nobody@example.com']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr.trim()).toBe('No account has the email nobody@example.com');
      const usage = await runReset([]);
      expect(usage.code).toBe(1);
      expect(usage.stderr).toContain('Usage: npm run reset-password -- <email>');
      const empty = await runReset(['x@example.com'], {
        DATA_DIR: mkdtempSync(path.join(tmpdir(), 'empty-')),
      });
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain('No database in DATA_DIR');
    } finally {
      if (kind === 'pglite') t = await createTestApp({ database: await target.open() });
    }
  }, 60_000);
});
