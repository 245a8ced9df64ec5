import { isRetryable, RateLimitedError } from './errors.ts';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected in tests so that backoff is observed, not waited for. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Exponential backoff with full jitter (the AWS architecture blog's recommendation), except
 * that a provider's Retry-After, when given, is honoured as the minimum wait. Only errors that
 * may succeed later are retried.
 */
export function backoffDelay(attempt: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  return Math.round(random() * Math.min(cap, base * 2 ** attempt));
}

export async function withRetries<T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetryable(error) || attempt + 1 >= attempts) throw error;
      const jittered = backoffDelay(attempt, options);
      const retryAfter = error instanceof RateLimitedError ? (error.retryAfterMs ?? 0) : 0;
      await sleep(Math.max(jittered, retryAfter));
    }
  }
}

/** Parses Retry-After: seconds (Graph sends fractions such as "2.128") or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
