import type { AppErrorCode } from '../domain/errors.ts';

export const statusByCode: Record<AppErrorCode, number> = {
  VALIDATION_ERROR: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  /** A voice assistant books for the member to remove: revoke it first (details.assistants). */
  MEMBER_HAS_ASSISTANT: 409,
  OVERLAPPING_APPOINTMENT: 409,
  /** A weekly opening that repeats or overlaps another of the practitioner's (details.slotId). */
  OVERLAPPING_OPENING: 409,
  /** The time is not among the bookable ones (outside openings, busy, past). */
  SLOT_UNAVAILABLE: 409,
  /** An Idempotency-Key reused with another request (IETF draft-ietf-httpapi-idempotency-key-header). */
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_STATE: 409,
  PAYMENT_REQUIRED: 402,
  RATE_LIMITED: 429,
  UPSTREAM_ERROR: 502,
  UPSTREAM_UNAVAILABLE: 503,
  NOT_CONFIGURED: 501,
  /** A free, zero-price or cancelled appointment: there is nothing to invoice. */
  NOT_PAYABLE: 422,
  /** Paying again conflicts with the appointment's state (it is paid), like INVALID_STATE. */
  ALREADY_PAID: 409,
  /** Another pay request for the same appointment is talking to Lago right now. */
  PAYMENT_IN_PROGRESS: 409,
  /** No LAGO_API_KEY: the practice cannot take payments until it is set. */
  PAYMENTS_NOT_CONFIGURED: 503,
  /** Lago unreachable, timing out or failing (5xx): nothing was changed, try again later. */
  PAYMENT_PROVIDER_UNAVAILABLE: 502,
  /** Lago refused the invoice (its 422), e.g. a client already billed in another currency. */
  PAYMENT_PROVIDER_REJECTED: 422,
  /** A webhook whose signature does not verify. */
  INVALID_SIGNATURE: 401,
  /** A client's calendar asked to block the practice's time: its events are never busy time. */
  NOT_A_STAFF_CALENDAR: 422,
};

/** PostgreSQL error codes that mean the request, not the server, was wrong. */
export const pgErrorCodes = {
  exclusionViolation: '23P01',
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  invalidTextRepresentation: '22P02',
  dateTimeOverflow: '22008',
  invalidDatetimeFormat: '22007',
  invalidTimeZoneDisplacement: '22009',
} as const;

/** The PostgreSQL errors that mean "this value cannot be read as its column's type". */
export const valueFormatErrors: ReadonlySet<string> = new Set([
  pgErrorCodes.invalidTextRepresentation,
  pgErrorCodes.dateTimeOverflow,
  pgErrorCodes.invalidDatetimeFormat,
  pgErrorCodes.invalidTimeZoneDisplacement,
]);

/** Finds the PostgreSQL error under Drizzle's wrapper (DrizzleQueryError keeps it as `cause`). */
export function findPgError(error: unknown): { code: string; constraint?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const candidate = current as { code?: unknown; constraint?: string; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: candidate.constraint };
    }
    current = candidate.cause;
  }
  return undefined;
}
