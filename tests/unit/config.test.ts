import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseEnv } from '../../src/config/index.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('uses the documented defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      PUBLIC_URL: 'http://localhost:3000',
      DATA_DIR: './data',
      GOOGLE_API_BASE_URL: 'https://www.googleapis.com',
      MICROSOFT_TENANT: 'common',
      LAGO_API_URL: 'https://api.getlago.com/api/v1',
      AUTO_SYNC_ENABLED: true,
      AUTO_SYNC_INTERVAL: 300,
      ALLOWED_ORIGINS: [],
      DATABASE_PREPARED_STATEMENTS: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('follows PORT with the public address when only the port is set', () => {
    expect(parseEnv({ PORT: '3456' }).PUBLIC_URL).toBe('http://localhost:3456');
    expect(
      loadConfig({ PORT: '3456', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cfg-')) }).trustedOrigins,
    ).toEqual(['http://localhost:3456']);
    expect(parseEnv({ PORT: '3456', PUBLIC_URL: 'https://rdv.example.com' }).PUBLIC_URL).toBe(
      'https://rdv.example.com',
    );
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://x'],
    ['AUTO_SYNC_ENABLED', 'maybe'],
    ['DATABASE_PREPARED_STATEMENTS', 'sometimes'],
    ['AUTO_SYNC_INTERVAL', 'soon'],
    ['ENCRYPTION_KEY', 'too-short'],
    ['ALLOWED_ORIGINS', 'https://ok.example.com,not-a-url'],
    ['GOOGLE_SERVICE_ACCOUNT_JSON', '{"type":"service_account"}'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    const problems = problemsOf({ [name]: value, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cfg-')) });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toContain(name);
  });

  it('refuses PROCESS_ROLE api or worker on the embedded database, which one process owns', () => {
    for (const role of ['api', 'worker']) {
      const problems = problemsOf({ PROCESS_ROLE: role, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cfg-')) });
      expect(problems).toEqual([expect.stringMatching(/^PROCESS_ROLE: .*set DATABASE_URL/)]);
      expect(parseEnv({ PROCESS_ROLE: role, DATABASE_URL: 'postgres://db/rendezvous' }).PROCESS_ROLE).toBe(
        role,
      );
    }
  });

  it('takes a Lago payment provider Lago knows, and its code only beside it', () => {
    const parsed = parseEnv({ LAGO_PAYMENT_PROVIDER: 'stripe', LAGO_PAYMENT_PROVIDER_CODE: 'stripe_eu' });
    expect(parsed).toMatchObject({
      LAGO_PAYMENT_PROVIDER: 'stripe',
      LAGO_PAYMENT_PROVIDER_CODE: 'stripe_eu',
    });
    expect(problemsOf({ LAGO_PAYMENT_PROVIDER: 'paypal' })).toEqual([
      expect.stringMatching(/^LAGO_PAYMENT_PROVIDER: .*stripe/),
    ]);
    expect(problemsOf({ LAGO_PAYMENT_PROVIDER_CODE: 'stripe_eu' })).toEqual([
      expect.stringMatching(/^LAGO_PAYMENT_PROVIDER_CODE: .*LAGO_PAYMENT_PROVIDER, which is not set/),
    ]);
  });

  it('takes GOOGLE_SERVICE_ACCOUNT_PRACTICE only beside the service account it binds', () => {
    const serviceAccount = {
      GOOGLE_SERVICE_ACCOUNT_JSON: '{"client_email":"sync@p.iam.gserviceaccount.com","private_key":"k"}',
      GOOGLE_CALENDAR_ID: 'front-desk@clinic.example',
    };
    expect(
      parseEnv({ ...serviceAccount, GOOGLE_SERVICE_ACCOUNT_PRACTICE: 'lakeside-clinic-3f9a1c' })
        .GOOGLE_SERVICE_ACCOUNT_PRACTICE,
    ).toBe('lakeside-clinic-3f9a1c');
    expect(problemsOf({ GOOGLE_SERVICE_ACCOUNT_PRACTICE: 'lakeside-clinic-3f9a1c' })).toEqual([
      expect.stringMatching(
        /^GOOGLE_SERVICE_ACCOUNT_PRACTICE: .*GOOGLE_SERVICE_ACCOUNT_JSON and GOOGLE_CALENDAR_ID/,
      ),
    ]);
  });

  it('requires ENCRYPTION_KEY in production', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cfg-')),
    });
    expect(problems).toEqual([expect.stringContaining('ENCRYPTION_KEY')]);
  });

  it('generates a private encryption key into DATA_DIR in development and reuses it', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const first = loadConfig({ DATA_DIR: dataDir });
    const file = path.join(dataDir, 'encryption.key');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first.encryptionKey, 'base64')).toHaveLength(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.encryptionKey);
    expect(loadConfig({ DATA_DIR: dataDir }).encryptionKey).toBe(first.encryptionKey);
  });

  it('keeps a generated key in memory only when DATA_DIR is in memory, and asks for one with DATABASE_URL', () => {
    const cwd = process.cwd();
    const scratch = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    process.chdir(scratch);
    try {
      const first = loadConfig({ DATA_DIR: 'memory://' });
      const second = loadConfig({ DATA_DIR: 'memory://' });
      expect(Buffer.from(first.encryptionKey, 'base64')).toHaveLength(32);
      // One key per process start, as the in-memory database is; no folder named "memory:" appears.
      expect(second.encryptionKey).not.toBe(first.encryptionKey);
      expect(readdirSync(scratch)).toEqual([]);
      expect(
        problemsOf({ DATA_DIR: 'memory://', DATABASE_URL: 'postgres://localhost:5432/rendezvous' }),
      ).toEqual([
        expect.stringMatching(/^ENCRYPTION_KEY: required with DATA_DIR=memory:\/\/ and DATABASE_URL/),
      ]);
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('treats an empty variable as unset', () => {
    const env = parseEnv({ PORT: '', DATABASE_URL: '' });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('trusts the public origin and the allowed origins for cookie-carrying requests', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://rdv.example.com/',
      ALLOWED_ORIGINS: 'https://admin.example.com',
      ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(config.trustedOrigins).toEqual(['https://rdv.example.com', 'https://admin.example.com']);
  });
});
