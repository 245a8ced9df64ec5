import { hkdfSync } from 'node:crypto';

/**
 * Derives a purpose-bound key from the master ENCRYPTION_KEY, so one configured secret serves
 * token encryption, session signing and OAuth state without any two sharing a key.
 */
export function deriveKey(masterKeyBase64: string, purpose: string, length = 32): Buffer {
  const master = Buffer.from(masterKeyBase64, 'base64');
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `rendezvous:${purpose}`, length));
}
