import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createAddOn } from './add-ons.ts';
import type { LagoContext } from './context.ts';
import { LagoApiError } from './errors.ts';
import { CARD_DECLINED, findInvoice, paymentStatusSchema, setPaymentStatus } from './invoices.ts';
import {
  serializeAddOn,
  serializeCustomer,
  serializeInvoice,
  serializeWebhookEndpoint,
} from './serializers.ts';
import { rubyEncode64, webhookKeys } from './signing.ts';
import { createWebhookEndpoint } from './webhook-endpoints.ts';

/**
 * Test controls, kept apart from the emulated API under `/__emulator/` (the shared fault, latency
 * and clock routes are installed by installFaults). Errors here are plain `{error}` bodies.
 */

const endpointSchema = z.object({
  url: z.string(),
  signatureAlgo: z.enum(['jwt', 'hmac']).default('hmac'),
  eventTypes: z.array(z.string()).nullish(),
});

const paymentSchema = z.object({
  status: paymentStatusSchema.exclude(['pending']),
  /** What the payment provider said; sent in `invoice.payment_failure`. */
  providerError: z.object({ message: z.string(), error_code: z.string() }).optional(),
});

const paymentProviderSchema = z.object({
  /** How long, on the emulator clock, Lago takes to create a customer at the provider. */
  customerDelayMs: z.number().int().min(0).optional(),
  /** The provider's error for the creations that fall due from now on; null: it takes them. */
  customerError: z.object({ message: z.string(), error_code: z.string().nullable() }).nullable().optional(),
});

function badRequest(error: z.ZodError) {
  return { error: z.prettifyError(error) };
}

/** Control routes reuse the API operations; their Lago errors are passed through as-is. */
function lagoBody(error: unknown): { status: number; body: unknown } {
  if (error instanceof LagoApiError) return { status: error.status, body: error.body };
  throw error;
}

export function registerControlRoutes(app: FastifyInstance, context: LagoContext): void {
  const { state, webhooks, clock, faults } = context;

  app.post('/__emulator/reset', async () => {
    state.reset();
    webhooks.reset();
    faults.clear();
    clock.reset();
    return { reset: true };
  });

  app.post('/__emulator/webhook-endpoints', async (request, reply) => {
    const parsed = endpointSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(badRequest(parsed.error));
    const { url, signatureAlgo, eventTypes } = parsed.data;
    try {
      const input = { webhook_url: url, signature_algo: signatureAlgo, event_types: eventTypes };
      return reply.code(201).send(serializeWebhookEndpoint(state, createWebhookEndpoint(state, input)));
    } catch (error) {
      const { status, body } = lagoBody(error);
      return reply.code(status).send(body);
    }
  });

  // Seeds an add-on with Lago's own field names; `name` defaults to the code.
  app.post('/__emulator/add-ons', async (request, reply) => {
    const input = (request.body ?? {}) as Record<string, unknown>;
    try {
      const addOn = createAddOn(state, { name: input.code, ...input });
      return reply.code(201).send(serializeAddOn(addOn));
    } catch (error) {
      const { status, body } = lagoBody(error);
      return reply.code(status).send(body);
    }
  });

  app.post<{ Params: { lago_id: string } }>(
    '/__emulator/invoices/:lago_id/payment',
    async (request, reply) => {
      const parsed = paymentSchema.safeParse(request.body);
      if (!parsed.success) return reply.code(400).send(badRequest(parsed.error));
      const invoice = state.invoices.get(request.params.lago_id);
      if (!invoice) return reply.code(404).send({ error: `no invoice ${request.params.lago_id}` });
      const { status, providerError } = parsed.data;
      setPaymentStatus(
        context,
        invoice,
        status,
        status === 'failed' ? (providerError ?? CARD_DECLINED) : undefined,
      );
      return { invoice: serializeInvoice(state, findInvoice(state, invoice.lagoId)) };
    },
  );

  app.post('/__emulator/payment-provider', async (request, reply) => {
    const parsed = paymentProviderSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(badRequest(parsed.error));
    const { customerDelayMs, customerError } = parsed.data;
    if (customerDelayMs !== undefined) state.providerCustomerDelayMs = customerDelayMs;
    if (customerError !== undefined) state.providerCustomerError = customerError;
    return { customerDelayMs: state.providerCustomerDelayMs, customerError: state.providerCustomerError };
  });

  app.get('/__emulator/state', async () => ({
    organization: state.organization,
    customers: [...state.customers.values()].map((customer) => serializeCustomer(state, customer)),
    providerCustomerJobs: state.providerCustomerJobs,
    addOns: [...state.addOns.values()].map(serializeAddOn),
    invoices: [...state.invoices.values()].map((invoice) => serializeInvoice(state, invoice)),
    webhookEndpoints: state.webhookEndpoints.map((endpoint) => serializeWebhookEndpoint(state, endpoint)),
    requestCounts: state.requestCounts,
  }));

  app.get<{ Querystring: { type?: string } }>('/__emulator/webhooks', async (request) => {
    const { type } = request.query;
    return webhooks.list().filter((delivery) => !type || delivery.webhookType === type);
  });

  app.post('/__emulator/webhooks/flush', async () => webhooks.flush());

  app.post<{ Params: { id: string } }>('/__emulator/webhooks/:id/replay', async (request, reply) => {
    const delivery = webhooks.find(request.params.id);
    if (!delivery) return reply.code(404).send({ error: `no webhook ${request.params.id}` });
    return webhooks.replay(delivery);
  });

  app.get('/__emulator/keys', async () => ({
    apiKey: context.apiKey,
    hmacKey: webhooks.settings.hmacKey,
    publicKeyPem: webhookKeys().publicKeyPem,
    publicKeyBase64: rubyEncode64(webhookKeys().publicKeyPem),
    jwtIssuer: context.publicUrl(),
  }));
}
