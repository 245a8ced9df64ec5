import { resolveEncryptionKey } from './encryption-key.ts';
import { type Env, parseEnv } from './env.ts';

export { ConfigError, type Env, parseEnv } from './env.ts';

/** Validated configuration with the derived values every module needs. */
export interface AppConfig extends Env {
  encryptionKey: string;
  previousEncryptionKeys: string[];
  /** Origins whose browser requests may carry our cookies: PUBLIC_URL plus ALLOWED_ORIGINS. */
  trustedOrigins: string[];
}

export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const env = parseEnv(source);
  return {
    ...env,
    encryptionKey: resolveEncryptionKey(env),
    previousEncryptionKeys: (env.ENCRYPTION_KEY_PREVIOUS ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
    trustedOrigins: [new URL(env.PUBLIC_URL).origin, ...env.ALLOWED_ORIGINS.map((o) => new URL(o).origin)],
  };
}
