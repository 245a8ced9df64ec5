import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { exportMemberData } from '../../services/my-data/export-member-data.ts';
import { myDataExportSchema } from '../../services/my-data/my-data-export.ts';
import { getMe } from '../../services/tenancy/get-me.ts';
import { updateProfile } from '../../services/tenancy/update-profile.ts';
import { meSchema, updateProfileSchema } from '../../shared/auth.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { indentedJson, ownDataFileName, sendDataExport } from '../data-export-file.ts';
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

  typed.get(
    '/api/me/export',
    {
      preValidation: app.requireUser,
      serializerCompiler: indentedJson,
      schema: {
        tags,
        summary: 'Download everything this practice holds about you, as one JSON file (GDPR art. 15 and 20)',
        description:
          'Answers the document itself, not the usual envelope, as an attachment named ' +
          '`rendezvous-my-data-YYYY-MM-DD.json` (the day in the practice’s time zone): your account, ' +
          'company, own appointments with their history, support requests, calendar connections and ' +
          'whether a calendar feed is live, as the API shows each to you. Never a password, session, ' +
          'calendar token or feed address, nor anyone else’s data.',
        response: { 200: myDataExportSchema, 401: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const caller = userCaller(request);
      const data = await exportMemberData(options.db, caller.tenantId, caller.userId);
      return sendDataExport(reply, data, ownDataFileName(data));
    },
  );
}
