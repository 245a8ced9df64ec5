import type { FastifyInstance, preValidationAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import {
  cancelAssistantAppointment,
  findCallerAppointments,
  lookupLimit,
  rescheduleAssistantAppointment,
} from '../../services/assistants/manage-assistant-appointments.ts';
import type { BusyTimeSource } from '../../services/availability/busy-time-source.ts';
import {
  assistantAppointmentLookupSchema,
  assistantAppointmentParamsSchema,
  assistantBookingSummarySchema,
  assistantRescheduleSchema,
} from '../../shared/assistants.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { assistantCaller } from '../plugins/assistant-auth.ts';
import { ok } from '../reply.ts';

const security = [{ assistantKey: [] }];
const tags = ['voice assistant'];
const failures = { 401: apiErrorSchema, 429: apiErrorSchema };
const notHere = apiErrorSchema.describe(
  'NOT_FOUND: no appointment with this id in this practice; look it up again with findAppointments',
);
const notChangeable = (what: string) =>
  apiErrorSchema.describe(
    `INVALID_STATE: the appointment is already cancelled, completed or a no-show, or has already begun (error.details.status); tell the caller it cannot be ${what} by phone and that the practice will help`,
  );

/**
 * The assistant's routes for a caller who phones about a booking they have: find it, cancel it,
 * move it. Registered by `assistantRoutes`, under its key check and rate limit.
 */
export function assistantManageRoutes(
  app: FastifyInstance,
  options: { db: Database; busyTime: BusyTimeSource },
  guard: { preValidation: preValidationAsyncHookHandler; config: object },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  typed.get(
    '/api/assistant/appointments',
    {
      ...guard,
      schema: {
        tags,
        security,
        operationId: 'findAppointments',
        summary: 'Find the caller’s upcoming appointments by email or phone',
        description:
          'Ask the caller for the email address or the phone number they booked with and send exactly one ' +
          'of them (`email` matches in any letter case; `phone` ignores spaces, dots, dashes and ' +
          `parentheses). Answers their upcoming pending or confirmed appointments, soonest first, at most ${lookupLimit}. ` +
          'Read `localStartTime` and the service to the caller to agree on which one they mean, then pass its ' +
          '`id` to cancelAppointment or rescheduleAppointment. An empty list means nothing upcoming is booked ' +
          'under that email or phone: ask for the other one. 400 VALIDATION_ERROR names the parameter in ' +
          '`error.details.fields` (neither or both sent, or a malformed value).',
        querystring: assistantAppointmentLookupSchema,
        response: {
          200: successEnvelope(z.array(assistantBookingSummarySchema)),
          400: apiErrorSchema,
          ...failures,
        },
      },
    },
    async (request) => ok(await findCallerAppointments(db, assistantCaller(request), request.query)),
  );

  typed.post(
    '/api/assistant/appointments/:id/cancel',
    {
      ...guard,
      schema: {
        tags,
        security,
        operationId: 'cancelAppointment',
        summary: 'Cancel one of the caller’s upcoming appointments',
        description:
          'Cancels the appointment `id` (from findAppointments) once the caller has confirmed which one and ' +
          'that they want it cancelled. The appointment is kept as cancelled in the practice’s records, and ' +
          'its event is removed from the practitioner’s connected calendar. Errors: 404 NOT_FOUND for an ' +
          'unknown id; 409 INVALID_STATE when it is already cancelled, completed or a no-show, or has already ' +
          'begun (`error.details.status` says which) — a repeated cancel answers 409 too.',
        params: assistantAppointmentParamsSchema,
        response: {
          200: successEnvelope(assistantBookingSummarySchema).describe('Cancelled'),
          404: notHere,
          409: notChangeable('cancelled'),
          ...failures,
        },
      },
    },
    async (request) => ok(await cancelAssistantAppointment(db, assistantCaller(request), request.params.id)),
  );

  typed.post(
    '/api/assistant/appointments/:id/reschedule',
    {
      ...guard,
      schema: {
        tags,
        security,
        operationId: 'rescheduleAppointment',
        summary: 'Move one of the caller’s upcoming appointments to another free time',
        description:
          'Moves the appointment `id` (from findAppointments) to `startTime`, keeping its length and its ' +
          'practitioner. First call getAvailableSlots (with the appointment’s service as `productId`, if it ' +
          'has one), agree on a slot with the caller, then send its `startTime` unchanged. The time the ' +
          'appointment holds now counts as free for its new time. The practitioner’s connected calendar ' +
          'follows: the event moves to the new time (the old time no longer shows an event, the new one ' +
          'does — spec 002’s “old event deleted, new event created”). Errors: 400 VALIDATION_ERROR names ' +
          'the field (e.g. a start in the past); 404 NOT_FOUND for an unknown id; 409 ' +
          'OVERLAPPING_APPOINTMENT means the time was just taken and 409 SLOT_UNAVAILABLE that it is not a ' +
          'bookable time — in both cases fetch availability again and offer another time; 409 INVALID_STATE ' +
          'means the appointment is cancelled, completed, a no-show or has already begun and cannot be moved ' +
          'by phone. Nothing changes when an error is answered.',
        params: assistantAppointmentParamsSchema,
        body: assistantRescheduleSchema,
        response: {
          200: successEnvelope(assistantBookingSummarySchema).describe('Moved'),
          400: apiErrorSchema,
          404: notHere,
          409: apiErrorSchema.describe('OVERLAPPING_APPOINTMENT, SLOT_UNAVAILABLE or INVALID_STATE'),
          ...failures,
        },
      },
    },
    async (request) =>
      ok(
        await rescheduleAssistantAppointment(
          options,
          assistantCaller(request),
          request.params.id,
          request.body,
        ),
      ),
  );
}
