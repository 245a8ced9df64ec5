import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { getMe } from '../../services/tenancy/get-me.ts';
import { updateProfile } from '../../services/tenancy/update-profile.ts';
import { meSchema, updateProfileSchema } from '../../shared/auth.ts';
import { successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

export async function meRoutes(app: FastifyInstance, options: { db: Database }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['me'];

  typed.get(
    '/api/me',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'The signed-in user, their tenant and role',
        response: { 200: successEnvelope(meSchema) },
      },
    },
    async (request) => ok(await getMe(options.db, userCaller(request))),
  );

  typed.patch(
    '/api/me',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Update your name, phone or language',
        body: updateProfileSchema,
        response: { 200: successEnvelope(meSchema) },
      },
    },
    async (request) => {
      const caller = userCaller(request);
      await updateProfile(options.db, caller.userId, request.body);
      return ok(await getMe(options.db, caller));
    },
  );
}
