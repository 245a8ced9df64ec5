import { createHash, randomBytes } from 'node:crypto';

/** Keys are recognisable in logs and secret scanners by this prefix. */
export const apiKeyPrefix = 'rdv_live_';

/** 32 random bytes behind the prefix; only the SHA-256 is stored. */
export function generateApiKey(): { key: string; hash: string; displayPrefix: string } {
  const key = `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`;
  return { key, ...storedFormOf(key) };
}

/** What is stored of a key: its hash, and the first characters shown to tell keys apart. */
export function storedFormOf(key: string): { hash: string; displayPrefix: string } {
  return { hash: hashApiKey(key), displayPrefix: key.slice(0, apiKeyPrefix.length + 6) };
}

/**
 * The lookup is by the full key's hash, so no comparison ever runs on secret material and a
 * guessed prefix learns nothing from timing.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
