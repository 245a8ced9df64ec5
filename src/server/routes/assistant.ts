import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { bookAssistantAppointment } from '../../services/assistants/book-assistant-appointment.ts';
import type { BusyTimeSource } from '../../services/availability/busy-time-source.ts';
import { getPublicAvailableSlots } from '../../services/availability/get-public-available-slots.ts';
import { listProducts } from '../../services/products/products.ts';
import { appointmentSchema } from '../../shared/appointments.ts';
import { assistantBookingSchema } from '../../shared/assistants.ts';
import { availabilityQuerySchema, availabilitySchema } from '../../shared/availability.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { productSchema } from '../../shared/products.ts';
import { assistantCaller } from '../plugins/assistant-auth.ts';
import { ok } from '../reply.ts';

const security = [{ assistantKey: [] }];
const tags = ['voice assistant'];
const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'A unique id per booking attempt (e.g. the call id). Retrying with the same key returns the ' +
        'first booking (HTTP 200) instead of booking twice; the same key with a different body is 409.',
    ),
});

/**
 * The API a voice assistant (an LLM with tools) uses with its API key: list services, read
 * bookable times, book. Summaries and descriptions are written for the model that reads them.
 */
export async function assistantRoutes(
  app: FastifyInstance,
  options: { db: Database; busyTime: BusyTimeSource },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const preHandler = app.requireAssistant;

  typed.get(
    '/api/assistant/products',
    {
      preHandler,
      schema: {
        tags,
        security,
        operationId: 'listServices',
        summary: 'List the services (products) the practice offers, with duration and price in cents',
        response: { 200: successEnvelope(z.array(productSchema)), 401: apiErrorSchema },
      },
    },
    async (request) => ok(await listProducts(db, assistantCaller(request).tenantId, true)),
  );

  typed.get(
    '/api/assistant/availability',
    {
      preHandler,
      schema: {
        tags,
        security,
        operationId: 'getAvailableSlots',
        summary: 'Find free appointment times between two dates',
        description:
          'Returns bookable slots of the practitioner this assistant books for. Dates are YYYY-MM-DD in ' +
          '`timezone` (default: the practice’s). Each slot has `startTime`/`endTime` as UTC instants — ' +
          'send `startTime` unchanged to bookAppointment — and `localStartTime` to read out to the caller.',
        querystring: availabilityQuerySchema,
        response: { 200: successEnvelope(availabilitySchema), 400: apiErrorSchema, 401: apiErrorSchema },
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
      preHandler,
      schema: {
        tags,
        security,
        operationId: 'bookAppointment',
        summary: 'Book an appointment for a caller (confirmed at once)',
        description:
          'Books `startTime` (from getAvailableSlots) for the caller. Send an `Idempotency-Key` header so ' +
          'that a retry after a timeout cannot book twice: the first booking answers 201, a retry with the ' +
          'same key and body answers 200 with the same appointment. 409 OVERLAPPING_APPOINTMENT means the ' +
          'time was just taken: fetch availability again and offer another time.',
        headers: idempotencyHeaders,
        body: assistantBookingSchema,
        response: {
          200: successEnvelope(appointmentSchema),
          201: successEnvelope(appointmentSchema),
          400: apiErrorSchema,
          401: apiErrorSchema,
          404: apiErrorSchema,
          409: apiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const result = await bookAssistantAppointment(db, assistantCaller(request), request.body, key);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(result.replayed ? 200 : 201).send(ok(result.appointment));
    },
  );
}
