import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { getMe } from '../../services/tenancy/get-me.ts';
import { updatePractice } from '../../services/tenancy/update-practice.ts';
import { meSchema, updatePracticeSchema } from '../../shared/auth.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

/** The practice's own details, which its staff keep: its name and time zone. */
export async function adminPracticeRoutes(app: FastifyInstance, options: { db: Database }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.patch(
    '/api/admin/practice',
    {
      preValidation: app.requireRole('owner', 'admin'),
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
