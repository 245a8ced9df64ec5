import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { isStaff } from '../../domain/permissions.ts';
import {
  createProduct,
  deleteProduct,
  getProduct,
  listProducts,
  updateProduct,
} from '../../services/products/products.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { createProductSchema, productSchema, updateProductSchema } from '../../shared/products.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

const idParams = z.strictObject({ id: z.string().max(100) });

/** Products: everyone reads the active ones at /api/products; staff manage them under /api/admin. */
export async function productRoutes(app: FastifyInstance, options: { db: Database }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const staff = app.requireRole('owner', 'admin');
  const tags = ['products'];

  typed.get(
    '/api/products',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Products of your practice (staff also see inactive ones)',
        response: { 200: successEnvelope(z.array(productSchema)) },
      },
    },
    async (request) => {
      const caller = userCaller(request);
      return ok(await listProducts(db, caller.tenantId, !isStaff(caller.role)));
    },
  );

  typed.post(
    '/api/admin/products',
    {
      preValidation: staff,
      schema: {
        tags,
        summary: 'Create a product',
        body: createProductSchema,
        response: { 201: successEnvelope(productSchema), 400: apiErrorSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok(await createProduct(db, userCaller(request).tenantId, request.body))),
  );

  typed.get(
    '/api/admin/products/:id',
    {
      preValidation: staff,
      schema: {
        tags,
        summary: 'One product',
        params: idParams,
        response: { 200: successEnvelope(productSchema), 404: apiErrorSchema },
      },
    },
    async (request) => ok(await getProduct(db, userCaller(request).tenantId, request.params.id)),
  );

  typed.put(
    '/api/admin/products/:id',
    {
      preValidation: staff,
      schema: {
        tags,
        summary: 'Update a product (isActive: false hides it from booking)',
        params: idParams,
        body: updateProductSchema,
        response: { 200: successEnvelope(productSchema), 400: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (request) =>
      ok(await updateProduct(db, userCaller(request).tenantId, request.params.id, request.body)),
  );

  typed.delete(
    '/api/admin/products/:id',
    { preValidation: staff, schema: { tags, summary: 'Delete a product', params: idParams } },
    async (request, reply) => {
      await deleteProduct(db, userCaller(request).tenantId, request.params.id);
      return reply.code(204).send();
    },
  );
}
