import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { getCompany, removeCompany, saveCompany } from '../../services/company/billing-company.ts';
import { companySchema, saveCompanySchema } from '../../shared/company.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

/**
 * The company your invoices are made out to, in this practice. Any member may keep one (clients
 * book for their business; for staff it is harmless); staff read their clients' in
 * GET /api/admin/users.
 */
export async function companyRoutes(app: FastifyInstance, options: { db: Database }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const tags = ['me'];

  typed.get(
    '/api/me/company',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'The company your invoices are made out to, or null if you book as a private person',
        response: { 200: successEnvelope(companySchema.nullable()), 401: apiErrorSchema },
      },
    },
    async (request) => ok(await getCompany(db, userCaller(request))),
  );

  typed.put(
    '/api/me/company',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Record the company your invoices are made out to (replaces the one kept)',
        description:
          'Sent to Lago with your customer on your next invoice: `customer_type` company, its legal ' +
          'name, tax number and billing address. Optional fields left out or blank are cleared.',
        body: saveCompanySchema,
        response: { 200: successEnvelope(companySchema), 400: apiErrorSchema, 401: apiErrorSchema },
      },
    },
    async (request) => ok(await saveCompany(db, userCaller(request), request.body)),
  );

  typed.delete(
    '/api/me/company',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Forget your company: your next invoices are made out to you as a private person',
      },
    },
    async (request, reply) => {
      await removeCompany(db, userCaller(request));
      return reply.code(204).send();
    },
  );
}
