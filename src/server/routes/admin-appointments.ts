import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { createAdminAppointmentRequest } from '../../services/appointments/create-admin-appointment-request.ts';
import { getAdminAppointments } from '../../services/appointments/get-admin-appointments.ts';
import { getAppointmentStats } from '../../services/appointments/get-appointment-stats.ts';
import {
  adminAppointmentListSchema,
  adminAppointmentsActionSchema,
  adminListAppointmentsQuerySchema,
  appointmentStatsSchema,
} from '../../shared/admin-appointments.ts';
import { appointmentSchema } from '../../shared/appointments.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

/** The spec's admin appointments API (owners and admins). */
export async function adminAppointmentRoutes(app: FastifyInstance, options: { db: Database }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('owner', 'admin');
  const tags = ['admin: appointments'];

  typed.get(
    '/api/admin/appointments',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'All appointments of the practice, with client, product and practitioner',
        querystring: adminListAppointmentsQuerySchema,
        response: { 200: adminAppointmentListSchema, 400: apiErrorSchema },
      },
    },
    async (request) => {
      const { items, nextCursor } = await getAdminAppointments(
        options.db,
        userCaller(request).tenantId,
        request.query,
      );
      return { ...ok(items), nextCursor };
    },
  );

  typed.post(
    '/api/admin/appointments',
    {
      preValidation: guard,
      schema: {
        tags,
        summary:
          'action "stats": this month’s figures; action "create": request an appointment with a client',
        body: adminAppointmentsActionSchema,
        response: {
          200: successEnvelope(appointmentStatsSchema),
          201: successEnvelope(appointmentSchema),
          400: apiErrorSchema,
          404: apiErrorSchema,
          409: apiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const caller = userCaller(request);
      if (request.body.action === 'stats') return ok(await getAppointmentStats(options.db, caller.tenantId));
      const created = await createAdminAppointmentRequest(options.db, caller, request.body);
      return reply.code(201).send(ok(created, 'Appointment request sent to client'));
    },
  );
}
