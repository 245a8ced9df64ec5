import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { createSupportTicket } from '../../services/support/create-support-ticket.ts';
import { getSupportTickets } from '../../services/support/get-support-tickets.ts';
import { updateSupportTicketStatus } from '../../services/support/update-support-ticket-status.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import {
  createSupportTicketSchema,
  listSupportTicketsQuerySchema,
  supportTicketSchema,
  updateSupportTicketSchema,
} from '../../shared/support.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

const idParams = z.strictObject({ id: z.string().max(100) });

/** The support page's tickets: anyone signed in writes; staff read and close the practice's. */
export async function supportRoutes(app: FastifyInstance, options: { db: Database }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const tags = ['support'];

  typed.post(
    '/api/support/tickets',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Send a support request to your practice',
        body: createSupportTicketSchema,
        response: { 201: successEnvelope(supportTicketSchema), 400: apiErrorSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok(await createSupportTicket(db, userCaller(request), request.body))),
  );

  typed.get(
    '/api/support/tickets',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Support requests, newest first: the practice’s for staff, your own for a client',
        querystring: listSupportTicketsQuerySchema,
        response: { 200: successEnvelope(z.array(supportTicketSchema)), 400: apiErrorSchema },
      },
    },
    async (request) => ok(await getSupportTickets(db, userCaller(request), request.query)),
  );

  typed.patch(
    '/api/support/tickets/:id',
    {
      preValidation: app.requireRole('owner', 'admin'),
      schema: {
        tags,
        summary: 'Close or reopen a support request (staff)',
        params: idParams,
        body: updateSupportTicketSchema,
        response: {
          200: successEnvelope(supportTicketSchema),
          400: apiErrorSchema,
          403: apiErrorSchema,
          404: apiErrorSchema,
        },
      },
    },
    async (request) =>
      ok(await updateSupportTicketStatus(db, userCaller(request), request.params.id, request.body.status)),
  );
}
