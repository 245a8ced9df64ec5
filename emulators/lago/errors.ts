import { STATUS_CODES } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { FaultErrorBody } from '../shared/faults.ts';

/**
 * Lago's error bodies, as rendered by lago-api `app/controllers/concerns/api_errors.rb`
 * (`unauthorized_error`, `not_found_error`, `validation_errors`, `bad_request_error`).
 * Operations throw a `LagoApiError`; the one error handler in server.ts renders it.
 */
export class LagoApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.error));
  }
}

/** `{"status":401,"error":"Unauthorized"}`: missing or unknown API key. */
export function unauthorized(): LagoApiError {
  return new LagoApiError(401, { status: 401, error: 'Unauthorized' });
}

/** `not_found_error(resource:)` answers `code: "<resource>_not_found"`, e.g. `add_on_not_found`. */
export function notFound(resource: string): LagoApiError {
  return new LagoApiError(404, { status: 404, error: 'Not Found', code: `${resource}_not_found` });
}

/** `method_not_allowed_error(code:)`: an action the object's state does not allow, e.g. `not_voidable`. */
export function methodNotAllowed(code: string): LagoApiError {
  return new LagoApiError(405, { status: 405, error: 'Method Not Allowed', code });
}

export type ErrorDetails = Record<string, string[]>;

/**
 * `validation_errors`: current lago-api spells the reason "Unprocessable Entity" and adds
 * `error_extra` (PROVIDERS.md C quotes the older "Unprocessable entity"; clients must not match on it).
 */
export function validationFailed(details: ErrorDetails): LagoApiError {
  return new LagoApiError(422, {
    status: 422,
    error: 'Unprocessable Entity',
    code: 'validation_errors',
    error_details: details,
    error_extra: {},
  });
}

/** Rails' `ActionController::ParameterMissing` when the root key (`customer`, `invoice`...) is absent. */
export function missingRootParam(root: string): LagoApiError {
  return new LagoApiError(400, {
    status: 400,
    error: `BadRequest: param is missing or the value is empty: ${root}`,
  });
}

/** Turns zod issues into Lago's `error_details`: a missing field is `value_is_mandatory`. */
export function detailsFromZod(error: z.ZodError): ErrorDetails {
  const details: ErrorDetails = {};
  for (const issue of error.issues) {
    const field = issue.path.filter((segment) => typeof segment === 'string').join('.') || 'base';
    const isMissing = issue.code === 'invalid_type' && issue.input === undefined;
    details[field] = [isMissing ? 'value_is_mandatory' : 'value_is_invalid'];
  }
  return details;
}

/** The body an injected fault answers with, in Lago's shape for that status. */
export function renderFaultBody(fault: FaultErrorBody): Record<string, unknown> {
  const { status, reason } = fault;
  if (status === 401) return { status, error: 'Unauthorized' };
  if (status === 404) return { status, error: 'Not Found', code: reason ?? 'object_not_found' };
  if (status === 422) {
    return {
      status,
      error: 'Unprocessable Entity',
      code: reason ?? 'validation_errors',
      error_details: {},
      error_extra: {},
    };
  }
  if (status === 403 || status === 405)
    return { status, error: STATUS_CODES[status], code: reason ?? 'forbidden' };
  return { status, error: STATUS_CODES[status] ?? 'Error' };
}

export function sendLagoError(reply: FastifyReply, error: LagoApiError): FastifyReply {
  return reply.code(error.status).send(error.body);
}

/** Rails' `params.require(root)`: the object under the root key, or 400 when absent or empty. */
export function requireRoot(body: unknown, root: string): Record<string, unknown> {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[root] : undefined;
  if (typeof value !== 'object' || value === null || Object.keys(value).length === 0) {
    throw missingRootParam(root);
  }
  return value as Record<string, unknown>;
}
