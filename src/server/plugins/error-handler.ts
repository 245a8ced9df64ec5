import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../../domain/errors.ts';
import type { ApiFailure } from '../../shared/envelope.ts';
import { findPgError, pgErrorCodes, statusByCode, valueFormatErrors } from '../http-errors.ts';

function send(reply: FastifyReply, status: number, error: Omit<ApiFailure['error'], 'requestId'>) {
  const body: ApiFailure = { success: false, error: { ...error, requestId: String(reply.request.id) } };
  return reply.code(status).send(body);
}

/** Names each field a zod schema refused: `body.startTime: Invalid ISO datetime`. */
function fieldsOf(error: FastifyError): { path: string; message: string }[] {
  const validation = (error.validation ?? []) as unknown as {
    instancePath?: string;
    message?: string;
    params?: { keys?: string[] };
  }[];
  const context = error.validationContext ?? 'body';
  return validation.flatMap((v) => {
    const base = (v.instancePath ?? '').split('/').filter(Boolean).join('.');
    if (v.params?.keys?.length) {
      return v.params.keys.map((key) => ({
        path: [context, base, key].filter(Boolean).join('.'),
        message: 'Unknown field',
      }));
    }
    return [{ path: [context, base].filter(Boolean).join('.'), message: v.message ?? 'Invalid value' }];
  });
}

/**
 * Errors the router raises before any route or hook runs (Fastify's `frameworkErrors`): a path
 * parameter longer than the router accepts, a URL that does not decode. Same envelope as the rest.
 */
export function frameworkErrorReply(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return send(reply, 414, { code: 'VALIDATION_ERROR', message: 'A path parameter of the URL is too long' });
  if (error.code === 'FST_ERR_BAD_URL')
    return send(reply, 400, { code: 'VALIDATION_ERROR', message: 'The URL is malformed' });
  request.log.error({ err: error }, 'unexpected router error');
  return send(reply, 500, {
    code: 'INTERNAL_ERROR',
    message: 'Something went wrong on our side. Quote the request id if you contact support.',
  });
}

/** What Node's HTTP parser refused, as a status and the envelope's code and message. */
function clientErrorOf(error: ConnectionError): { status: number; code: string; message: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      code: 'HEADERS_TOO_LARGE',
      message: "The request's headers or address are too long",
    };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' };
  }
  return { status: 400, code: 'MALFORMED_REQUEST', message: 'The request is not well-formed HTTP' };
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (Fastify's `clientErrorHandler`):
 * headers or address past Node's 16 kB, malformed HTTP, a request too slow to arrive. There is
 * no request nor reply yet, so the same envelope is written to the socket by hand, which is then
 * closed, as Node and Fastify do by default.
 */
export function clientErrorReply(this: FastifyInstance, error: ConnectionError, socket: Socket) {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  this.log.trace({ err: error }, 'client error');
  // A response already under way on this keep-alive connection would be corrupted by a second
  // one: Node then only closes the socket (its `_httpMessage` is the response being sent).
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const { status, ...failure } = clientErrorOf(error);
    const body = JSON.stringify({ success: false, error: failure } satisfies ApiFailure);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/**
 * The one place errors become HTTP: the envelope, the status, and a request id a person can
 * quote. Anything unexpected is a 500 logged with its stack (pino redacts secrets).
 */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = fieldsOf(error);
      return send(reply, 400, {
        code: 'VALIDATION_ERROR',
        message: `Invalid request: ${fields.map((f) => `${f.path} (${f.message})`).join(', ')}`,
        details: { fields },
      });
    }
    if (error instanceof AppError) {
      return send(reply, statusByCode[error.code], {
        code: error.code,
        message: error.message,
        details: error.details,
      });
    }
    // Fastify's JSON parser gives one error for both, without saying which: a body that is not
    // JSON, and valid JSON with a `__proto__` or `constructor` key (refused against prototype
    // poisoning).
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return send(reply, 400, {
        code: 'MALFORMED_JSON',
        message: 'The request body is not valid JSON, or holds a __proto__ or constructor key',
      });
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return send(reply, 400, {
        code: 'MALFORMED_JSON',
        message: 'The request body is empty but declared as JSON',
      });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, 415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the body as application/json',
      });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, 413, { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' });
    }
    if (error.statusCode === 429) {
      return send(reply, 429, { code: 'RATE_LIMITED', message: 'Too many requests, try again shortly' });
    }
    const pgError = findPgError(error);
    if (pgError?.code === pgErrorCodes.exclusionViolation) {
      return send(reply, 409, {
        code: 'OVERLAPPING_APPOINTMENT',
        message: 'This time overlaps another appointment of the same practitioner',
      });
    }
    if (pgError?.code === pgErrorCodes.uniqueViolation) {
      return send(reply, 409, { code: 'CONFLICT', message: 'This already exists' });
    }
    // A net under the schemas: a value they let through that the database cannot read.
    if (pgError && valueFormatErrors.has(pgError.code)) {
      return send(reply, 400, { code: 'VALIDATION_ERROR', message: 'A value has the wrong format' });
    }
    if (
      error.statusCode &&
      error.statusCode >= 400 &&
      error.statusCode < 500 &&
      !isResponseSerializationError(error)
    ) {
      return send(reply, error.statusCode, { code: error.code ?? 'BAD_REQUEST', message: error.message });
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, 500, {
      code: 'INTERNAL_ERROR',
      message: 'Something went wrong on our side. Quote the request id if you contact support.',
    });
  });
});
