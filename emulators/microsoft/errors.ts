import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorClock } from '../shared/clock.ts';
import type { FaultErrorBody } from '../shared/faults.ts';
import { innerErrorDate } from './ids.ts';

/** A Graph failure: `{"error":{"code","message","innerError":{...}}}` (graph-410/429 fixtures). */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerExtra: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * An identity platform failure: `{error, error_description "AADSTSnnn: ...", error_codes, timestamp,
 * trace_id, correlation_id, error_uri}` (msid-token-error.docs.json, msid-invalid_grant-700082 fixture).
 */
export class IdentityError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }
}

export const notFound = () =>
  new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
export const accessDenied = () =>
  new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
export const badRequest = (message: string, code = 'BadRequest') => new GraphError(400, code, message);

const requestIdsByRequest = new WeakMap<FastifyRequest, string>();

/** Graph echoes the caller's client-request-id and mints a request-id for every response. */
export function requestIds(request: FastifyRequest): { requestId: string; clientRequestId: string } {
  let requestId = requestIdsByRequest.get(request);
  if (!requestId) {
    requestId = randomUUID();
    requestIdsByRequest.set(request, requestId);
  }
  const clientHeader = request.headers['client-request-id'];
  return { requestId, clientRequestId: typeof clientHeader === 'string' ? clientHeader : requestId };
}

export function graphErrorBody(request: FastifyRequest, clock: EmulatorClock, error: GraphError) {
  const { requestId, clientRequestId } = requestIds(request);
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        ...error.innerExtra,
        date: innerErrorDate(clock.now()),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}

export function identityErrorBody(clock: EmulatorClock, error: IdentityError) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = `${new Date(clock.now()).toISOString().replace('T', ' ').slice(0, 19)}Z`;
  return {
    error: error.error,
    error_description: `AADSTS${error.aadsts}: ${error.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [error.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${error.aadsts}`,
  };
}

const GRAPH_CODE_BY_STATUS: Record<number, [string, string]> = {
  400: ['BadRequest', 'Bad request.'],
  401: ['InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'],
  403: ['ErrorAccessDenied', 'Access is denied. Check credentials and try again.'],
  404: ['ErrorItemNotFound', 'The specified object was not found in the store.'],
  409: ['ErrorIrresolvableConflict', 'Conflict.'],
  410: ['SyncStateNotFound', 'The sync state generation is not found.'],
  412: [
    'ErrorIrresolvableConflict',
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
  ],
  // graph-429-throttled.docs.json
  429: ['TooManyRequests', 'Please retry again later.'],
  500: ['generalException', 'An internal server error occurred.'],
  502: ['BadGateway', 'Bad gateway.'],
  503: ['ServiceNotAvailable', 'The service is temporarily unavailable.'],
  504: ['GatewayTimeout', 'Gateway timeout.'],
};

const IDENTITY_ERROR_BY_STATUS: Record<number, [string, number, string]> = {
  400: ['invalid_request', 900144, 'The request is not valid.'],
  401: ['invalid_client', 7000215, 'Invalid client secret provided.'],
  429: [
    'temporarily_unavailable',
    50196,
    'The server terminated an operation because it encountered a client request loop.',
  ],
};

/** Turns an injected fault into the body the real service would send for that path. */
export function faultRenderer(clock: EmulatorClock) {
  return (fault: FaultErrorBody, request: FastifyRequest, _reply: FastifyReply): unknown => {
    if (/\/oauth2\/v2\.0\//.test(request.url)) {
      const [error, code, description] = IDENTITY_ERROR_BY_STATUS[fault.status] ?? [
        'temporarily_unavailable',
        90033,
        'A transient error has occurred. Please try again.',
      ];
      return identityErrorBody(
        clock,
        new IdentityError(fault.status, fault.reason ?? error, code, description),
      );
    }
    const [code, message] = GRAPH_CODE_BY_STATUS[fault.status] ?? ['UnknownError', 'An error occurred.'];
    // The throttling doc's body repeats the status inside innerError.
    const inner: Record<string, string> =
      fault.status === 429 ? { code: '429', message: 'Please retry after', status: '429' } : {};
    return graphErrorBody(request, clock, new GraphError(fault.status, fault.reason ?? code, message, inner));
  };
}
