import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Env } from './env.ts';

/**
 * The key that encrypts secrets at rest. Production must bring its own (losing a generated key
 * would make every stored token unreadable); development and the demo generate one into
 * DATA_DIR so that `npm run demo` works on a fresh machine and survives restarts. An in-memory
 * DATA_DIR (`memory://`) has no folder to keep a key in: with the in-memory database the key
 * lives and dies with the process, as the secrets it guards do; with DATABASE_URL the secrets
 * outlive the process, so the key must be given.
 */
export function resolveEncryptionKey(env: Env): string {
  if (env.ENCRYPTION_KEY) return env.ENCRYPTION_KEY;
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(['ENCRYPTION_KEY: required when NODE_ENV=production (32 bytes, base64)']);
  }
  if (env.DATA_DIR.startsWith('memory://')) {
    if (env.DATABASE_URL) {
      throw new ConfigError([
        'ENCRYPTION_KEY: required with DATA_DIR=memory:// and DATABASE_URL (no folder keeps a generated key, and the secrets stored in the database would be unreadable after a restart)',
      ]);
    }
    return randomBytes(32).toString('base64');
  }
  const file = path.resolve(env.DATA_DIR, 'encryption.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
