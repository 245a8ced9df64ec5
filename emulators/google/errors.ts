import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultErrorBody } from '../shared/faults.ts';

/**
 * Google Calendar v3 error bodies. Shapes are pinned to the recorded fixtures
 * (`google-401-authError`, `google-403-*`, `google-410-*`, `google-412-conditionNotMet`,
 * `google-429-rateLimitExceeded`) and the errors guide (PROVIDERS.md A3).
 */
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: 'header' | 'parameter';
  location?: string;
}

export interface GoogleErrorBody {
  error: { errors: GoogleErrorItem[]; code: number; message: string };
}

/** The canonical item for each reason the emulator can produce. */
const KNOWN_REASONS: Record<string, Omit<GoogleErrorItem, 'reason'>> = {
  authError: {
    domain: 'global',
    message: 'Invalid Credentials',
    locationType: 'header',
    location: 'Authorization',
  },
  rateLimitExceeded: { domain: 'usageLimits', message: 'Rate Limit Exceeded' },
  userRateLimitExceeded: { domain: 'usageLimits', message: 'User Rate Limit Exceeded' },
  quotaExceeded: { domain: 'usageLimits', message: 'Calendar usage limits exceeded.' },
  insufficientPermissions: { domain: 'global', message: 'Request had insufficient authentication scopes.' },
  forbidden: { domain: 'global', message: 'Forbidden' },
  notFound: { domain: 'global', message: 'Not Found' },
  duplicate: { domain: 'global', message: 'The requested identifier already exists.' },
  deleted: { domain: 'global', message: 'Resource has been deleted' },
  fullSyncRequired: {
    domain: 'calendar',
    message: 'Sync token is no longer valid, a full sync is required.',
    locationType: 'parameter',
    location: 'syncToken',
  },
  updatedMinTooLongAgo: {
    domain: 'calendar',
    message: 'The requested minimum modification time lies too far in the past.',
    locationType: 'parameter',
    location: 'updatedMin',
  },
  conditionNotMet: {
    domain: 'global',
    message: 'Precondition Failed',
    locationType: 'header',
    location: 'If-Match',
  },
  timeRangeEmpty: {
    domain: 'calendar',
    message: 'The specified time range is empty.',
    locationType: 'parameter',
    location: 'timeMax',
  },
  badRequest: { domain: 'global', message: 'Bad Request' },
  // A write to a calendar shared with the account read-only.
  requiredAccessLevel: { domain: 'calendar', message: 'You need to have writer access to this calendar.' },
  backendError: { domain: 'global', message: 'Backend Error' },
};

/** What an injected fault with only a status renders as (the errors guide's usual reason per status). */
const DEFAULT_REASON_BY_STATUS: Record<number, string> = {
  400: 'badRequest',
  401: 'authError',
  403: 'rateLimitExceeded',
  404: 'notFound',
  409: 'duplicate',
  410: 'fullSyncRequired',
  412: 'conditionNotMet',
  429: 'rateLimitExceeded',
};

export function googleErrorBody(status: number, reason: string, overrides: Partial<GoogleErrorItem> = {}) {
  const known = KNOWN_REASONS[reason] ?? { domain: 'global', message: reason };
  const item: GoogleErrorItem = { domain: known.domain, reason, message: known.message, ...overrides };
  // Key order as in the fixtures: domain, reason, message, locationType, location.
  if (known.locationType && !overrides.locationType) item.locationType = known.locationType;
  if (known.location && !overrides.location) item.location = known.location;
  const body: GoogleErrorBody = { error: { errors: [item], code: status, message: item.message } };
  return body;
}

/** Thrown by the domain code; the error handler turns it into Google's body. */
export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly overrides: Partial<GoogleErrorItem> = {},
  ) {
    super(overrides.message ?? KNOWN_REASONS[reason]?.message ?? reason);
  }

  get body(): GoogleErrorBody {
    return googleErrorBody(this.status, this.reason, this.overrides);
  }
}

/** 400 for a query parameter: shape of the recorded orderBy 400 (googleworkspace/java-samples#52). */
export function invalidParameter(location: string, message: string): GoogleApiError {
  return new GoogleApiError(400, 'invalid', {
    domain: 'global',
    message,
    locationType: 'parameter',
    location,
  });
}

/** 400 for a missing or malformed field of the request body (`required` / `invalid`, errors guide). */
export function invalidField(reason: 'required' | 'invalid', message: string): GoogleApiError {
  return new GoogleApiError(400, reason, { domain: 'global', message });
}

/** OAuth token-endpoint errors are flat: `{"error":"invalid_grant","error_description":"..."}` (A5). */
export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }

  get body(): OAuthErrorBody {
    return { error: this.error, error_description: this.description };
  }
}

const OAUTH_PATHS = new Set(['/token', '/revoke']);

export function isOAuthPath(url: string): boolean {
  return OAUTH_PATHS.has(url.split('?')[0] ?? url);
}

/** Renders an injected fault in the shape the client would really see on that endpoint. */
export function renderFaultError(fault: FaultErrorBody, request: FastifyRequest, reply: FastifyReply) {
  if (isOAuthPath(request.url)) {
    const error = fault.reason ?? (fault.status >= 500 ? 'internal_failure' : 'invalid_grant');
    const description =
      error === 'invalid_grant'
        ? 'Token has been expired or revoked.'
        : fault.status >= 500
          ? 'Backend Error'
          : error;
    return { error, error_description: description } satisfies OAuthErrorBody;
  }
  const reason = fault.reason ?? DEFAULT_REASON_BY_STATUS[fault.status] ?? 'backendError';
  if (fault.status === 401) reply.header('www-authenticate', 'Bearer realm="https://accounts.google.com/"');
  return googleErrorBody(fault.status, reason);
}
