import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { bookAssistantAppointment } from '../../services/assistants/book-assistant-appointment.ts';
import type { BusyTimeSource } from '../../services/availability/busy-time-source.ts';
import { getPublicAvailableSlots } from '../../services/availability/get-public-available-slots.ts';
import { listProducts } from '../../services/products/products.ts';
import {
  assistantAppointmentSchema,
  assistantAvailabilityQuerySchema,
  assistantBookingSchema,
} from '../../shared/assistants.ts';
import { availabilitySchema } from '../../shared/availability.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { productSchema } from '../../shared/products.ts';
import { assistantCaller, bearerKey } from '../plugins/assistant-auth.ts';
import { ok } from '../reply.ts';
import { assistantManageRoutes } from './assistant-manage.ts';

const security = [{ assistantKey: [] }];
const tags = ['voice assistant'];

/** Requests one API key may make per window; a runaway agent loop stops here, not in the database. */
export const defaultAssistantRateLimit = { max: 120, timeWindowMs: 60_000 };

const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'A unique id per booking attempt (e.g. the call id). A retry with the same key and body answers ' +
        'the first booking (HTTP 200, header Idempotent-Replayed: true) instead of booking twice; the ' +
        'same key with a different body is refused with 422 IDEMPOTENCY_KEY_REUSED.',
    )
    .meta({ examples: ['call-7f3c2a91'] }),
});

/**
 * The limiter's bucket: a digest of the key as the key check reads it (`bearerKey`), so that
 * every spelling of one header shares a bucket and the limiter's memory holds no secret. A
 * request without a key counts against its address.
 */
function keyBucket(request: FastifyRequest): string {
  const key = bearerKey(request.headers.authorization);
  return key ? createHash('sha256').update(key).digest('base64url') : `ip:${request.ip}`;
}

/**
 * The API a voice assistant (an LLM with tools) uses with its API key: list services, read
 * bookable times, book; find, cancel and move a caller's bookings (assistant-manage.ts).
 * Summaries and descriptions are written for the model that reads them.
 */
export async function assistantRoutes(
  app: FastifyInstance,
  options: {
    db: Database;
    busyTime: BusyTimeSource;
    rateLimit?: { max: number; timeWindowMs: number };
  },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const limit = options.rateLimit ?? defaultAssistantRateLimit;
  const config = { rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs, keyGenerator: keyBucket } };
  const guard = app.requireAssistant;
  const failures = { 401: apiErrorSchema, 429: apiErrorSchema };

  typed.get(
    '/api/assistant/products',
    {
      preValidation: guard,
      config,
      schema: {
        tags,
        security,
        operationId: 'listServices',
        summary: 'List the services the practice offers',
        description:
          'The bookable services (products) with their id, name, duration in minutes and price in cents. ' +
          'Pass a service’s `id` as `productId` to getAvailableSlots and bookAppointment.',
        response: { 200: successEnvelope(z.array(productSchema)), ...failures },
      },
    },
    async (request) => ok(await listProducts(db, assistantCaller(request).tenantId, true)),
  );

  typed.get(
    '/api/assistant/availability',
    {
      preValidation: guard,
      config,
      schema: {
        tags,
        security,
        operationId: 'getAvailableSlots',
        summary: 'Find free appointment times between two dates',
        description:
          'Returns the bookable slots of the practitioner this assistant books for, between two days ' +
          '(YYYY-MM-DD in `timezone`, default the practice’s). Each slot has `startTime`/`endTime` as UTC ' +
          'instants — send `startTime` unchanged to bookAppointment — and `localStartTime` with its offset ' +
          'to read out to the caller. An empty `slots` list means nothing is free: try later days.',
        querystring: assistantAvailabilityQuerySchema,
        response: {
          200: successEnvelope(availabilitySchema),
          400: apiErrorSchema,
          404: apiErrorSchema,
          ...failures,
        },
      },
    },
    async (request) => {
      const caller = assistantCaller(request);
      return ok(
        await getPublicAvailableSlots(options, caller.tenantId, {
          ...request.query,
          defaultPractitionerId: caller.assigneeUserId,
        }),
      );
    },
  );

  typed.post(
    '/api/assistant/appointments',
    {
      preValidation: guard,
      config,
      schema: {
        tags,
        security,
        operationId: 'bookAppointment',
        summary: 'Book an appointment for a caller (confirmed at once)',
        description:
          'Books the slot starting at `startTime` (one from getAvailableSlots) for the caller, confirmed. ' +
          'When `email` is that of a registered client of the practice, the booking goes into their account. ' +
          'Send an `Idempotency-Key` header (e.g. the call id) so that a retry after a timeout cannot book ' +
          'twice: the first booking answers 201, a retry with the same key and body answers 200 with the ' +
          'same appointment. Errors: 400 VALIDATION_ERROR names the field in `error.details.fields`; ' +
          '409 OVERLAPPING_APPOINTMENT means the time was just taken and 409 SLOT_UNAVAILABLE that it is ' +
          'not a bookable time — in both cases fetch availability again and offer another time; ' +
          '422 IDEMPOTENCY_KEY_REUSED means the key was used for another booking.',
        headers: idempotencyHeaders,
        body: assistantBookingSchema,
        response: {
          200: successEnvelope(assistantAppointmentSchema).describe(
            'A retry: the booking made earlier with this key',
          ),
          201: successEnvelope(assistantAppointmentSchema).describe('Booked'),
          400: apiErrorSchema,
          404: apiErrorSchema.describe('Unknown productId'),
          409: apiErrorSchema.describe('OVERLAPPING_APPOINTMENT or SLOT_UNAVAILABLE'),
          422: apiErrorSchema.describe('IDEMPOTENCY_KEY_REUSED'),
          ...failures,
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const result = await bookAssistantAppointment(options, assistantCaller(request), request.body, key);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.replayed ? 200 : 201).send(ok(result.appointment));
    },
  );

  assistantManageRoutes(app, options, { preValidation: guard, config });
}
