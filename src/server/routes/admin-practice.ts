import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { getMe } from '../../services/tenancy/get-me.ts';
import { getPracticeSetup } from '../../services/tenancy/practice-setup.ts';
import { updatePractice } from '../../services/tenancy/update-practice.ts';
import { meSchema, practiceSetupSchema, updatePracticeSchema } from '../../shared/auth.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

/** The practice's own details, which its staff keep: its name and time zone, and how far its setup is. */
export async function adminPracticeRoutes(app: FastifyInstance, options: { db: Database }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const staff = app.requireRole('owner', 'admin');

  typed.get(
    '/api/admin/practice/setup',
    {
      preValidation: staff,
      schema: {
        tags: ['me'],
        summary: 'Which setup steps are done: opening hours, services, people, a calendar, a voice assistant',
        response: { 200: successEnvelope(practiceSetupSchema) },
      },
    },
    async (request) => ok(await getPracticeSetup(options.db, userCaller(request).tenantId)),
  );

  typed.patch(
    '/api/admin/practice',
    {
      preValidation: staff,
      schema: {
        tags: ['me'],
        summary: 'Rename the practice or change its time zone (opening hours keep their clock times)',
        body: updatePracticeSchema,
        response: { 200: successEnvelope(meSchema), 400: apiErrorSchema },
      },
    },
    async (request) => {
      const caller = userCaller(request);
      await updatePractice(options.db, caller.tenantId, request.body);
      return ok(await getMe(options.db, caller));
    },
  );
}
