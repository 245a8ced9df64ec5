import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import {
  createAssistant,
  listAssistants,
  revokeAssistant,
  updateAssistant,
} from '../../services/assistants/assistants.ts';
import {
  assistantSchema,
  createAssistantSchema,
  createdAssistantSchema,
  updateAssistantSchema,
} from '../../shared/assistants.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

/** Voice assistants of the practice and their API keys (owners and admins). */
export async function adminAssistantRoutes(app: FastifyInstance, options: { db: Database }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('owner', 'admin');
  const tags = ['admin: assistants'];
  const denied = { 401: apiErrorSchema, 403: apiErrorSchema };

  typed.get(
    '/api/admin/assistants',
    {
      preValidation: guard,
      schema: {
        tags,
        summary:
          'Voice assistants of the practice, newest first, revoked ones included (keys are never shown again)',
        response: { 200: successEnvelope(z.array(assistantSchema)), ...denied },
      },
    },
    async (request) => ok(await listAssistants(options.db, userCaller(request).tenantId)),
  );

  typed.post(
    '/api/admin/assistants',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Create an assistant; its API key is in this answer only',
        body: createAssistantSchema,
        response: {
          201: successEnvelope(createdAssistantSchema),
          400: apiErrorSchema,
          404: apiErrorSchema,
          ...denied,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok(await createAssistant(options.db, userCaller(request), request.body))),
  );

  typed.patch(
    '/api/admin/assistants/:id',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Rename an assistant or give its line to another practitioner (its key stays)',
        params: z.strictObject({ id: z.string().max(100) }),
        body: updateAssistantSchema,
        response: {
          200: successEnvelope(assistantSchema),
          400: apiErrorSchema,
          404: apiErrorSchema,
          409: apiErrorSchema,
          ...denied,
        },
      },
    },
    async (request) =>
      ok(await updateAssistant(options.db, userCaller(request), request.params.id, request.body)),
  );

  typed.delete(
    '/api/admin/assistants/:id',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Revoke an assistant’s key (immediately; final)',
        params: z.strictObject({ id: z.string().max(100) }),
        response: { 200: successEnvelope(assistantSchema), 404: apiErrorSchema, ...denied },
      },
    },
    async (request) => ok(await revokeAssistant(options.db, userCaller(request).tenantId, request.params.id)),
  );
}
