/**
 * What can go wrong talking to a calendar provider, in provider-neutral terms. Provider clients
 * translate their HTTP answers into these; the sync engine decides what each one means
 * (retry, resync, park, give up) without knowing any provider's wire format.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly reason?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 429, or 403 rateLimitExceeded/userRateLimitExceeded: wait and try again. */
export class RateLimitedError extends ProviderError {
  constructor(
    message: string,
    status: number,
    reason: string | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, status, reason);
  }
}

/** 5xx, timeouts, connection failures: the request may succeed later. */
export class TransientProviderError extends ProviderError {}

/** The sync cursor is gone (Google 410 fullSyncRequired, Graph 410 syncStateNotFound): re-read everything. */
export class CursorExpiredError extends ProviderError {}

/** A confirmed 404 or 410 on an event: it does not exist (any more). */
export class EventGoneError extends ProviderError {}

/** 409: an event with this client-chosen id already exists. */
export class DuplicateEventError extends ProviderError {}

/** 412: the event changed since the etag/changeKey we sent. */
export class PreconditionFailedError extends ProviderError {}

/** The access token was refused (401): refresh it and try once more. */
export class AccessTokenRejectedError extends ProviderError {}

/** The refresh token is dead (invalid_grant): only the user reconnecting can fix it. */
export class AuthRevokedError extends ProviderError {}

/** Any other refusal (400, 403 forbidden...): retrying the same request will not help. */
export class PermanentProviderError extends ProviderError {}

export function isRetryable(error: unknown): boolean {
  return error instanceof RateLimitedError || error instanceof TransientProviderError;
}
