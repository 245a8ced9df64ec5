import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BillingContext } from '../../billing/billing-context.ts';
import { tellLagoAfterChange } from '../../billing/tell-lago-after-change.ts';
import type { Database } from '../../db/client.ts';
import { createAppointment } from '../../services/appointments/create-appointment.ts';
import { deleteAppointment } from '../../services/appointments/delete-appointment.ts';
import { getAppointmentById } from '../../services/appointments/get-appointment-by-id.ts';
import { getAppointmentHistory } from '../../services/appointments/get-appointment-history.ts';
import { getAppointments } from '../../services/appointments/get-appointments.ts';
import { updateAppointment } from '../../services/appointments/update-appointment.ts';
import {
  appointmentEventSchema,
  appointmentListSchema,
  appointmentSchema,
  createAppointmentSchema,
  listAppointmentsQuerySchema,
  updateAppointmentSchema,
} from '../../shared/appointments.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

/** Any string: a malformed id is answered 404 by the operation, like an unknown one. */
const idParams = z.strictObject({ id: z.string().max(100) });
const errors = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema };

/** The spec's appointments API: clients see their own, owners and admins their tenant's. */
export async function appointmentRoutes(
  app: FastifyInstance,
  options: { db: Database; billing: BillingContext },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db, billing } = options;
  const guard = app.requireUser;
  const tags = ['appointments'];

  typed.get(
    '/api/appointments',
    {
      preValidation: guard,
      schema: {
        tags,
        summary:
          'List appointments (yours, or your practice’s for staff), earliest start first (or latest with order=desc)',
        querystring: listAppointmentsQuerySchema,
        response: { 200: appointmentListSchema, 400: apiErrorSchema },
      },
    },
    async (request) => {
      const { items, nextCursor } = await getAppointments(db, userCaller(request), request.query);
      return { ...ok(items), nextCursor };
    },
  );

  typed.post(
    '/api/appointments',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Create an appointment (a client’s is a pending, free request)',
        body: createAppointmentSchema,
        response: { 201: successEnvelope(appointmentSchema), ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok(await createAppointment(db, userCaller(request), request.body))),
  );

  typed.get(
    '/api/appointments/:id',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'One appointment',
        params: idParams,
        response: { 200: successEnvelope(appointmentSchema), 404: apiErrorSchema },
      },
    },
    async (request) => ok(await getAppointmentById(db, userCaller(request), request.params.id)),
  );

  typed.put(
    '/api/appointments/:id',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Update an appointment or change its status',
        description:
          'Status follows pending → confirmed → completed | no_show, and pending | confirmed → ' +
          'cancelled. Clients confirm their own pending appointments and cancel their own; only ' +
          'staff set completed or no_show, assign a practitioner (assignedAdminId) or set prices. ' +
          'Staff set isPaid when the client paid at the practice (422 NOT_PAYABLE for a free, ' +
          'zero-price or cancelled appointment) and unset it after a mistake (409 INVALID_STATE ' +
          'once Lago reported its invoice paid online); a client setting isPaid gets 403. An ' +
          'open Lago invoice is then marked paid in Lago too, and reopened when the mark is ' +
          'undone; when Lago fails the mark still stands (200) and Lago is told within minutes, and ' +
          'a Lago slower than 3 seconds is not waited for (it is told in the background). ' +
          'The type, price or currency of a paid appointment changes only with the mark taken ' +
          'back (409 INVALID_STATE), never once paid online. A new price, type or currency voids ' +
          'the open invoice in Lago that bills the old one (the next pay request issues another), and ' +
          'so does a cancellation.',
        params: idParams,
        body: updateAppointmentSchema,
        response: { 200: successEnvelope(appointmentSchema), ...errors, 422: apiErrorSchema },
      },
    },
    async (request) => {
      const who = userCaller(request);
      const updated = await updateAppointment(db, who, request.params.id, request.body);
      // After the commit: the answer shows what Lago then says of the invoice, if it says it soon.
      const isBilled = await tellLagoAfterChange(billing, who, updated.id, request.body, request.log);
      return ok(isBilled ? await getAppointmentById(db, who, updated.id) : updated);
    },
  );

  typed.delete(
    '/api/appointments/:id',
    {
      preValidation: guard,
      schema: { tags, summary: 'Delete an appointment (its history stays)', params: idParams },
    },
    async (request, reply) => {
      await deleteAppointment(db, userCaller(request), request.params.id);
      return reply.code(204).send();
    },
  );

  typed.get(
    '/api/appointments/:id/history',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'The audit trail of an appointment: who changed what, before and after',
        params: idParams,
        response: { 200: successEnvelope(z.array(appointmentEventSchema)), 404: apiErrorSchema },
      },
    },
    async (request) => ok(await getAppointmentHistory(db, userCaller(request), request.params.id)),
  );
}
