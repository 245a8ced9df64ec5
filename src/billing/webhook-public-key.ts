import { createPublicKey, type KeyObject } from 'node:crypto';

/** A key that failed a verification is fetched again at most this often (key rotation). */
const REFRESH_AFTER_MS = 10 * 60_000;

/**
 * Lago's webhook public key, fetched on first use and kept: one fetch serves every concurrent
 * verification. When a signature fails against a key that is old enough, the key is fetched
 * again once (Lago may have rotated it); a forged signature cannot make us call Lago more than
 * once per REFRESH_AFTER_MS.
 */
export class WebhookPublicKey {
  private key: Promise<KeyObject> | undefined;
  private fetchedAt = 0;

  constructor(
    private readonly fetchPem: () => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<KeyObject> {
    if (!this.key) {
      this.fetchedAt = this.now();
      const pending = this.fetchPem().then((pem) => createPublicKey(pem));
      // A failed fetch is not cached: the next webhook tries again.
      pending.catch(() => {
        if (this.key === pending) this.key = undefined;
      });
      this.key = pending;
    }
    return this.key;
  }

  /** A fresh key if the cached one may be stale, else null (nothing new to try). */
  async refreshed(): Promise<KeyObject | null> {
    if (this.now() - this.fetchedAt < REFRESH_AFTER_MS) return null;
    this.key = undefined;
    return this.get();
  }
}
