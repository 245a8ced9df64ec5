import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import {
  createAppointmentException,
  deleteAppointmentException,
  getAppointmentExceptions,
} from '../../services/availability/appointment-exceptions.ts';
import {
  deleteAppointmentSlot,
  getAppointmentSlots,
  upsertAppointmentSlot,
} from '../../services/availability/appointment-slots.ts';
import type { BusyTimeSource } from '../../services/availability/busy-time-source.ts';
import { getPublicAvailableSlots } from '../../services/availability/get-public-available-slots.ts';
import {
  availabilityQuerySchema,
  availabilitySchema,
  createExceptionSchema,
  createSlotSchema,
  exceptionSchema,
  listAvailabilitySettingsQuerySchema,
  slotSchema,
  updateSlotSchema,
} from '../../shared/availability.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

const idParams = z.strictObject({ id: z.string().max(100) });
const errors = { 400: apiErrorSchema, 404: apiErrorSchema };
const openingErrors = {
  ...errors,
  409: apiErrorSchema.describe(
    'OVERLAPPING_OPENING: the practitioner already has an active opening sharing these hours on that day (error.details.slotId)',
  ),
};

/** Bookable times for everyone signed in; weekly openings and exceptions for staff. */
export async function availabilityRoutes(
  app: FastifyInstance,
  options: { db: Database; busyTime: BusyTimeSource },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const staff = app.requireRole('owner', 'admin');
  const tags = ['availability'];

  typed.get(
    '/api/availability',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Bookable times between two dates, in the zone you ask for',
        querystring: availabilityQuerySchema,
        response: { 200: successEnvelope(availabilitySchema), ...errors },
      },
    },
    async (request) =>
      ok(await getPublicAvailableSlots(options, userCaller(request).tenantId, request.query)),
  );

  typed.get(
    '/api/admin/availability/slots',
    {
      preValidation: staff,
      schema: {
        tags,
        summary: 'Weekly openings of a practitioner (default: you)',
        querystring: listAvailabilitySettingsQuerySchema,
        response: { 200: successEnvelope(z.array(slotSchema)) },
      },
    },
    async (request) => ok(await getAppointmentSlots(db, userCaller(request), request.query.userId)),
  );

  typed.post(
    '/api/admin/availability/slots',
    {
      preValidation: staff,
      schema: {
        tags,
        summary: 'Add a weekly opening',
        body: createSlotSchema,
        response: { 201: successEnvelope(slotSchema), ...openingErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok(await upsertAppointmentSlot(db, userCaller(request), request.body))),
  );

  typed.put(
    '/api/admin/availability/slots/:id',
    {
      preValidation: staff,
      schema: {
        tags,
        summary: 'Change a weekly opening',
        params: idParams,
        body: updateSlotSchema,
        response: { 200: successEnvelope(slotSchema), ...openingErrors },
      },
    },
    async (request) =>
      ok(await upsertAppointmentSlot(db, userCaller(request), request.body, request.params.id)),
  );

  typed.delete(
    '/api/admin/availability/slots/:id',
    { preValidation: staff, schema: { tags, summary: 'Remove a weekly opening', params: idParams } },
    async (request, reply) => {
      await deleteAppointmentSlot(db, userCaller(request), request.params.id);
      return reply.code(204).send();
    },
  );

  typed.get(
    '/api/admin/availability/exceptions',
    {
      preValidation: staff,
      schema: {
        tags,
        summary: 'Blocked days and extra hours of a practitioner (default: you)',
        querystring: listAvailabilitySettingsQuerySchema,
        response: { 200: successEnvelope(z.array(exceptionSchema)) },
      },
    },
    async (request) => ok(await getAppointmentExceptions(db, userCaller(request), request.query.userId)),
  );

  typed.post(
    '/api/admin/availability/exceptions',
    {
      preValidation: staff,
      schema: {
        tags,
        summary: 'Block a day (or hours), or add extra hours on a date',
        body: createExceptionSchema,
        response: { 201: successEnvelope(exceptionSchema), ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok(await createAppointmentException(db, userCaller(request), request.body))),
  );

  typed.delete(
    '/api/admin/availability/exceptions/:id',
    { preValidation: staff, schema: { tags, summary: 'Remove an exception', params: idParams } },
    async (request, reply) => {
      await deleteAppointmentException(db, userCaller(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
