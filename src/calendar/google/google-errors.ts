import {
  AccessTokenRejectedError,
  AuthRevokedError,
  CursorExpiredError,
  DuplicateEventError,
  EventGoneError,
  PermanentProviderError,
  PreconditionFailedError,
  ProviderError,
  RateLimitedError,
  TransientProviderError,
} from '../errors.ts';
import { parseRetryAfter } from '../retry.ts';

interface GaxiosLikeError {
  message?: string;
  code?: string | number;
  status?: number;
  response?: {
    status?: number;
    headers?: Headers | Record<string, string>;
    data?: {
      error?: string | { errors?: { reason?: string }[]; status?: string; message?: string };
      error_description?: string;
    };
  };
}

function header(headers: Headers | Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  return (headers as Record<string, string>)[name];
}

/**
 * Google's answers in our terms, per the Calendar API errors guide: 403 rateLimitExceeded and
 * userRateLimitExceeded are retried like 429; 410 fullSyncRequired/updatedMinTooLongAgo mean the
 * cursor is gone; 410 deleted and 404 mean the event is gone; 412 conditionNotMet; 5xx backendError.
 * OAuth token endpoint errors carry `error: "invalid_grant"` as a string.
 */
export function toProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = error as GaxiosLikeError;
  const status = e.response?.status ?? e.status;
  const body = e.response?.data;
  const oauthError = typeof body?.error === 'string' ? body.error : undefined;
  const apiError = typeof body?.error === 'object' ? body.error : undefined;
  const reason = oauthError ?? apiError?.errors?.[0]?.reason;
  const message = `Google: ${apiError?.message ?? body?.error_description ?? e.message ?? 'request failed'}`;

  if (status === undefined) return new TransientProviderError(message);
  if (oauthError === 'invalid_grant') return new AuthRevokedError(message, status, reason);
  if (status === 401) return new AccessTokenRejectedError(message, status, reason);
  if (
    status === 429 ||
    (status === 403 && (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded'))
  ) {
    return new RateLimitedError(
      message,
      status,
      reason,
      parseRetryAfter(header(e.response?.headers, 'retry-after')),
    );
  }
  if (status === 410 && (reason === 'fullSyncRequired' || reason === 'updatedMinTooLongAgo')) {
    return new CursorExpiredError(message, status, reason);
  }
  if (status === 404 || status === 410) return new EventGoneError(message, status, reason);
  if (status === 412) return new PreconditionFailedError(message, status, reason);
  if (status === 409) return new DuplicateEventError(message, status, reason);
  if (status >= 500) return new TransientProviderError(message, status, reason);
  return new PermanentProviderError(message, status, reason);
}
