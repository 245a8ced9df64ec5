import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import type { Database } from '../../db/client.ts';
import { exportMemberData } from '../../services/my-data/export-member-data.ts';
import { myDataExportSchema } from '../../services/my-data/my-data-export.ts';
import {
  createMember,
  getMember,
  listMembers,
  removeMember,
  setMemberPassword,
  updateMember,
} from '../../services/tenancy/members.ts';
import {
  createMemberSchema,
  memberSchema,
  roles,
  setMemberPasswordSchema,
  updateMemberSchema,
} from '../../shared/auth.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { indentedJson, memberDataFileName, sendDataExport } from '../data-export-file.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });

/**
 * The tenant's people: owners and admins list them, add clients or admins, and download a
 * member's data for them when asked.
 */
export async function adminUserRoutes(
  app: FastifyInstance,
  options: { db: Database; calendar: CalendarContext },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('owner', 'admin');
  const tags = ['admin: users'];

  typed.get(
    '/api/admin/users',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'List the members of your practice, with the company each is invoiced as (or null)',
        querystring: z.strictObject({ role: z.enum(roles).optional() }),
        response: { 200: successEnvelope(z.array(memberSchema)) },
      },
    },
    async (request) => ok(await listMembers(options.db, userCaller(request).tenantId, request.query.role)),
  );

  typed.post(
    '/api/admin/users',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Create a client or admin account in your practice',
        body: createMemberSchema,
        response: { 201: successEnvelope(memberSchema), 409: apiErrorSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok(await createMember(options.db, userCaller(request).tenantId, request.body))),
  );

  typed.get(
    '/api/admin/users/:id',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'One member',
        params: idParams,
        response: { 200: successEnvelope(memberSchema), 404: apiErrorSchema },
      },
    },
    async (request) => ok(await getMember(options.db, userCaller(request).tenantId, request.params.id)),
  );

  typed.get(
    '/api/admin/users/:id/export',
    {
      preValidation: guard,
      serializerCompiler: indentedJson,
      schema: {
        tags,
        summary:
          'Download everything the practice holds about one member, as one JSON file, to answer their request for their data (GDPR art. 15)',
        description:
          'The very file the member downloads themselves from `GET /api/me/export`, as they would see it ' +
          '(a client’s holds no internal notes), answered as an attachment named ' +
          '`rendezvous-data-<name>-YYYY-MM-DD.json` (their name in lower-case ASCII, or their id; the day ' +
          'in the practice’s time zone). An admin downloads a client’s or their own, the owner anyone’s (403 ' +
          'otherwise); 404 for anyone who is not a member of your practice.',
        params: idParams,
        response: { 200: myDataExportSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request, reply) => {
      const caller = userCaller(request);
      const data = await exportMemberData(options.db, caller.tenantId, request.params.id, {
        requestedBy: caller,
      });
      return sendDataExport(reply, data, memberDataFileName(data));
    },
  );

  typed.delete(
    '/api/admin/users/:id',
    {
      preValidation: guard,
      schema: {
        tags,
        summary:
          'Remove a member and their account from your practice (owner: any member; admin: clients). Their appointments stay; their calendars are disconnected',
        params: idParams,
      },
    },
    async (request, reply) => {
      await removeMember(options.calendar, userCaller(request), request.params.id);
      return reply.code(204).send();
    },
  );

  typed.patch(
    '/api/admin/users/:id',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Correct a member’s name or phone (owner: any member; admin: clients)',
        params: idParams,
        body: updateMemberSchema,
        response: { 200: successEnvelope(memberSchema), 400: apiErrorSchema },
      },
    },
    async (request) =>
      ok(await updateMember(options.db, userCaller(request), request.params.id, request.body)),
  );

  typed.put(
    '/api/admin/users/:id/password',
    {
      preValidation: guard,
      schema: {
        tags,
        summary:
          'Set a new password for a member who lost theirs (owner: any member; admin: clients); their sessions end',
        params: idParams,
        body: setMemberPasswordSchema,
      },
    },
    async (request, reply) => {
      await setMemberPassword(options.db, userCaller(request), request.params.id, request.body.password);
      return reply.code(204).send();
    },
  );
}
