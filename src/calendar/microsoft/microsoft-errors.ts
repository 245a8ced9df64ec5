import {
  AccessTokenRejectedError,
  AuthRevokedError,
  CursorExpiredError,
  DuplicateEventError,
  EventGoneError,
  PermanentProviderError,
  PreconditionFailedError,
  type ProviderError,
  RateLimitedError,
  TransientProviderError,
} from '../errors.ts';
import { parseRetryAfter } from '../retry.ts';

/** Graph's error body: `{"error":{"code","message","innerError"}}`. */
interface GraphErrorBody {
  error?: { code?: string; message?: string };
}

/** The identity platform's: `{error, error_description "AADSTSn: ...", error_codes[]}`. */
interface IdentityErrorBody {
  error?: string;
  error_description?: string;
  error_codes?: number[];
}

/**
 * The 410 codes that mean "the delta token is gone, read everything again": Outlook sends
 * `SyncStateNotFound` (capitalised, graph-410-syncStateNotFound.issue2877.json) where the docs say
 * `syncStateNotFound`; delta-query-overview.md also names `resyncRequired`.
 */
const cursorGoneCodes = new Set(['syncstatenotfound', 'syncstateinvalid', 'resyncrequired']);

/** OAuth errors that only the user consenting again can fix (v2-oauth2-auth-code-flow.md error table). */
const reconsentErrors = new Set(['invalid_grant', 'interaction_required', 'consent_required']);

/**
 * A Graph answer in our terms (errors.md, throttling.md): 401 → refresh the token; 429 (and 503
 * with Retry-After) → wait as told, fractional seconds included; 410 SyncStateNotFound /
 * resyncRequired → the cursor is gone; 404/410 → the event is gone; 412 or ErrorIrresolvableConflict
 * → the changeKey we sent is stale; ErrorDuplicateTransactionId → a transactionId reused.
 */
export function graphError(status: number, headers: Headers, body: unknown): ProviderError {
  const error = (body as GraphErrorBody | undefined)?.error;
  const code = typeof error === 'object' ? error?.code : undefined;
  const message = `Microsoft Graph: ${(typeof error === 'object' && error?.message) || `HTTP ${status}`}`;
  const lower = code?.toLowerCase();
  const retryAfter = parseRetryAfter(headers.get('retry-after'));

  if (status === 401) return new AccessTokenRejectedError(message, status, code);
  if (status === 429 || (status === 503 && retryAfter !== undefined)) {
    return new RateLimitedError(message, status, code, retryAfter);
  }
  if (status === 410 && lower && cursorGoneCodes.has(lower))
    return new CursorExpiredError(message, status, code);
  if (status === 404 || status === 410) return new EventGoneError(message, status, code);
  if (status === 412 || lower === 'errorirresolvableconflict') {
    return new PreconditionFailedError(message, status, code);
  }
  if (lower === 'errorduplicatetransactionid') return new DuplicateEventError(message, status, code);
  if (status >= 500) return new TransientProviderError(message, status, code);
  return new PermanentProviderError(message, status, code);
}

/** A token endpoint answer in our terms: invalid_grant (AADSTS70008, 9002313, 50173, 700082...) is final. */
export function identityError(status: number, headers: Headers, body: unknown): ProviderError {
  const data = (body ?? {}) as IdentityErrorBody;
  const reason = typeof data.error === 'string' ? data.error : undefined;
  // The first line of the description: "AADSTS70008: ..." without the trace/correlation ids.
  const description = data.error_description?.split(/\r?\n/)[0];
  const message = `Microsoft identity platform: ${description ?? reason ?? `HTTP ${status}`}`;
  if (reason && reconsentErrors.has(reason)) return new AuthRevokedError(message, status, reason);
  if (status === 429) {
    return new RateLimitedError(message, status, reason, parseRetryAfter(headers.get('retry-after')));
  }
  if (status >= 500 || reason === 'temporarily_unavailable' || reason === 'server_error') {
    return new TransientProviderError(message, status, reason);
  }
  return new PermanentProviderError(message, status, reason);
}

/** No answer at all (connection refused, reset, timeout): the request may succeed later. */
export function networkError(error: unknown): ProviderError {
  return new TransientProviderError(`Microsoft: ${error instanceof Error ? error.message : String(error)}`);
}
