import type { FastifyInstance } from 'fastify';
import type { BillingContext } from '../../billing/billing-context.ts';
import { handleLagoWebhook } from '../../billing/handle-lago-webhook.ts';
import { ok } from '../reply.ts';

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Lago's webhooks (POST /api/lago-webhook). The signature covers the exact bytes Lago sent, so
 * this route (and only this one: the parser is scoped to this plugin) keeps the body raw; the
 * operation verifies it before reading anything. A 2xx tells Lago to stop retrying.
 */
export async function lagoWebhookRoutes(app: FastifyInstance, options: { billing: BillingContext }) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/api/lago-webhook',
    { schema: { tags: ['payments'], summary: 'Lago webhooks (signed; HMAC or JWT)', hide: true } },
    async (request) => {
      const receipt = await handleLagoWebhook(options.billing, {
        rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        signature: header(request.headers['x-lago-signature']),
        algorithm: header(request.headers['x-lago-signature-algorithm']),
        uniqueKey: header(request.headers['x-lago-unique-key']),
      });
      return ok(receipt);
    },
  );
}
