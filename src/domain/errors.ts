/**
 * Errors the domain raises on purpose. Each carries a stable code; the HTTP layer maps codes to
 * statuses in one place (server/plugins/error-handler.ts), so rules never speak HTTP.
 */
export type AppErrorCode =
  | 'VALIDATION_ERROR'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'EMAIL_TAKEN'
  | 'MEMBER_HAS_ASSISTANT'
  | 'OVERLAPPING_APPOINTMENT'
  | 'OVERLAPPING_OPENING'
  | 'SLOT_UNAVAILABLE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'INVALID_STATE'
  | 'PAYMENT_REQUIRED'
  | 'RATE_LIMITED'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_UNAVAILABLE'
  | 'NOT_CONFIGURED'
  | 'NOT_PAYABLE'
  | 'ALREADY_PAID'
  | 'PAYMENT_IN_PROGRESS'
  | 'PAYMENTS_NOT_CONFIGURED'
  | 'PAYMENT_PROVIDER_UNAVAILABLE'
  | 'PAYMENT_PROVIDER_REJECTED'
  | 'INVALID_SIGNATURE'
  | 'NOT_A_STAFF_CALENDAR';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);
export const invalid = (message: string, fields?: { path: string; message: string }[]) =>
  new AppError('VALIDATION_ERROR', message, fields ? { fields } : undefined);
