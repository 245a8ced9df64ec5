import type { FastifyInstance } from 'fastify';
import type { LagoContext } from './context.ts';
import { notFound, requireRoot } from './errors.ts';
import { serializeWebhookEndpoint } from './serializers.ts';
import { rubyEncode64, webhookKeys } from './signing.ts';
import { createWebhookEndpoint } from './webhook-endpoints.ts';

type ById = { Params: { lago_id: string } };

export function registerWebhookRoutes(app: FastifyInstance, { state }: LagoContext): void {
  // lago-api webhooks_controller.rb: the deprecated endpoint answers text/plain, the Base64 of
  // the PEM (lago-javascript-client `webhooks.fetchPublicKey`, format "text").
  app.get('/api/v1/webhooks/public_key', async (_request, reply) => {
    return reply.type('text/plain; charset=utf-8').send(rubyEncode64(webhookKeys().publicKeyPem));
  });

  // The same key wrapped in JSON (`webhooks.fetchJsonPublicKey`; fixture
  // lago-api-webhooks-public_key-response.python-client-fixture.json).
  app.get('/api/v1/webhooks/json_public_key', async () => {
    return { webhook: { public_key: rubyEncode64(webhookKeys().publicKeyPem) } };
  });

  app.post('/api/v1/webhook_endpoints', async (request) => {
    const endpoint = createWebhookEndpoint(state, requireRoot(request.body, 'webhook_endpoint'));
    return { webhook_endpoint: serializeWebhookEndpoint(state, endpoint) };
  });

  app.get('/api/v1/webhook_endpoints', async () => {
    const endpoints = state.webhookEndpoints.map((endpoint) => serializeWebhookEndpoint(state, endpoint));
    const count = endpoints.length;
    return {
      webhook_endpoints: endpoints,
      meta: { current_page: 1, next_page: null, prev_page: null, total_pages: 1, total_count: count },
    };
  });

  app.get<ById>('/api/v1/webhook_endpoints/:lago_id', async (request) => {
    const endpoint = state.webhookEndpoints.find((candidate) => candidate.lagoId === request.params.lago_id);
    if (!endpoint) throw notFound('webhook_endpoint');
    return { webhook_endpoint: serializeWebhookEndpoint(state, endpoint) };
  });

  app.delete<ById>('/api/v1/webhook_endpoints/:lago_id', async (request) => {
    const endpoint = state.webhookEndpoints.find((candidate) => candidate.lagoId === request.params.lago_id);
    if (!endpoint) throw notFound('webhook_endpoint');
    state.webhookEndpoints = state.webhookEndpoints.filter((candidate) => candidate !== endpoint);
    return { webhook_endpoint: serializeWebhookEndpoint(state, endpoint) };
  });
}
