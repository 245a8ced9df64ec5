/**
 * How a call to Lago failed, told apart where it matters to the product:
 * - `unreachable`: no connection was made (refused, unknown host): Lago certainly did nothing;
 * - `timeout` / `interrupted`: the request may have reached Lago and been carried out, the answer
 *   was lost; a creation must be looked up before it is tried again;
 * - `server`: Lago (or a proxy in front of it) answered 5xx or 429;
 * - `unauthorized`: Lago refused the API key (401/403): a configuration problem on our side;
 * - `not_found`, `rejected` (422), `bad_request` (400): Lago refused the request itself.
 */
export type LagoFailureKind =
  | 'unreachable'
  | 'timeout'
  | 'interrupted'
  | 'server'
  | 'unauthorized'
  | 'not_found'
  | 'rejected'
  | 'bad_request';

export class LagoFailure extends Error {
  constructor(
    readonly kind: LagoFailureKind,
    message: string,
    /** HTTP status of Lago's answer, when there was one. */
    readonly status?: number,
    /** Lago's `code` (e.g. `add_on_not_found`, `validation_errors`). */
    readonly code?: string,
    /** Lago's `error_details`: field → error codes, e.g. `{ currency: ['currencies_does_not_match'] }`. */
    readonly details?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'LagoFailure';
  }

  /** Whether Lago may have carried the request out although we got no answer saying so. */
  get isOutcomeUnknown(): boolean {
    return this.kind === 'timeout' || this.kind === 'interrupted' || this.kind === 'server';
  }

  /** Whether trying again later may succeed: Lago was down, slow or overloaded. */
  get isTransient(): boolean {
    return this.kind === 'unreachable' || this.isOutcomeUnknown;
  }
}

/** Connection errors raised before any byte reached the server. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

interface LagoErrorBody {
  error?: unknown;
  code?: unknown;
  error_details?: unknown;
}

/**
 * Turns what lago-javascript-client throws into a LagoFailure: it throws the fetch Response
 * itself (its parsed body on `.error`) for an HTTP error, and fetch's own error otherwise.
 */
export function toLagoFailure(thrown: unknown, operation: string): LagoFailure {
  if (thrown instanceof LagoFailure) return thrown;
  const response = thrown as { status?: unknown; error?: unknown };
  if (typeof response?.status === 'number') {
    const status = response.status;
    const body = (
      typeof response.error === 'object' && response.error ? response.error : {}
    ) as LagoErrorBody;
    const code = typeof body.code === 'string' ? body.code : undefined;
    const details = isDetails(body.error_details) ? body.error_details : undefined;
    const said = typeof body.error === 'string' ? body.error : `HTTP ${status}`;
    const message = `Lago ${operation}: ${said}${code ? ` (${code})` : ''}`;
    if (status === 401 || status === 403) return new LagoFailure('unauthorized', message, status, code);
    if (status === 404) return new LagoFailure('not_found', message, status, code);
    if (status === 422) return new LagoFailure('rejected', message, status, code, details);
    if (status === 429 || status >= 500) return new LagoFailure('server', message, status, code);
    return new LagoFailure('bad_request', message, status, code, details);
  }
  const name = (thrown as { name?: unknown })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new LagoFailure('timeout', `Lago ${operation}: no answer in time`);
  }
  const code = causeCode(thrown);
  if (code && NEVER_SENT.has(code)) {
    return new LagoFailure('unreachable', `Lago ${operation}: cannot connect (${code})`);
  }
  return new LagoFailure('interrupted', `Lago ${operation}: connection failed${code ? ` (${code})` : ''}`);
}

function isDetails(value: unknown): value is Record<string, string[]> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => Array.isArray(v) && v.every((item) => typeof item === 'string'))
  );
}
