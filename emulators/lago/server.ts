import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { EmulatorClock } from '../shared/clock.ts';
import { FaultInjector, installFaults } from '../shared/faults.ts';
import { listenEmulator, type RunningEmulator } from '../shared/listen.ts';
import { registerAddOnRoutes } from './add-ons-routes.ts';
import { registerCheckoutRoutes } from './checkout-routes.ts';
import type { LagoContext } from './context.ts';
import { registerControlRoutes } from './control-routes.ts';
import { settleProviderCustomers } from './customers.ts';
import { registerCustomerRoutes } from './customers-routes.ts';
import { LagoApiError, renderFaultBody, sendLagoError, unauthorized } from './errors.ts';
import { registerInvoiceRoutes } from './invoices-routes.ts';
import { LagoState } from './state.ts';
import { WebhookDispatcher } from './webhooks.ts';
import { registerWebhookRoutes } from './webhooks-routes.ts';

export const DEFAULT_API_KEY = 'lago-dev-key';
export const DEFAULT_HMAC_KEY = 'lago-dev-hmac-key';

export interface LagoEmulatorOptions {
  /** The URL Lago believes it is served from (ENV LAGO_API_URL): the `iss` of JWT signatures. */
  publicUrl?: string;
  logger?: boolean;
  /** The only API key accepted as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** The organization's HMAC key, what the product holds as LAGO_WEBHOOK_SECRET. */
  hmacKey?: string;
  /** ENV LAGO_WEBHOOK_ATTEMPTS in lago-api: attempts per webhook before giving up (default 3). */
  webhookAttempts?: number;
  webhookTimeoutMs?: number;
  /**
   * Where the emulated checkout sends a payer after paying: the `success_redirect_url` of Lago's
   * Stripe integration. Without it the checkout shows its own confirmation.
   */
  checkoutSuccessUrl?: string;
}

function listeningUrl(app: FastifyInstance): string | undefined {
  const address = app.server.address();
  return typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : undefined;
}

/** A stateful in-memory Lago: customers, add-ons, one-off invoices, signed webhooks. */
export function buildLagoEmulator(options: LagoEmulatorOptions = {}): FastifyInstance {
  // Closing ends keep-alive connections at once: a test's teardown never waits on a client's idle socket.
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  const clock = new EmulatorClock();
  const state = new LagoState(clock);
  const publicUrl = () => options.publicUrl ?? listeningUrl(app) ?? 'http://127.0.0.1';
  const webhooks = new WebhookDispatcher(state, clock, {
    hmacKey: options.hmacKey ?? DEFAULT_HMAC_KEY,
    issuer: publicUrl,
    maxAttempts: options.webhookAttempts ?? 3,
    timeoutMs: options.webhookTimeoutMs ?? 30_000,
  });
  const faults = new FaultInjector();
  const context: LagoContext = {
    state,
    webhooks,
    clock,
    faults,
    apiKey: options.apiKey ?? DEFAULT_API_KEY,
    publicUrl,
  };

  installFaults(app, faults, clock, (fault) => renderFaultBody(fault));

  // Rails reads an empty JSON body as no parameters; Fastify would refuse it. The official client
  // sends one where an operation's input is optional (`invoices.voidInvoice(lagoId)`).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    body === '' ? done(null, undefined) : parseJson(request, body as string, done),
  );

  // Lago's background jobs that are due by now have run before any request is answered.
  app.addHook('onRequest', async () => settleProviderCustomers(state, webhooks));

  // Api::BaseController#authenticate: `Authorization: Bearer <api key>`, else 401.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    if (request.headers.authorization !== `Bearer ${context.apiKey}`)
      return sendLagoError(reply, unauthorized());
  });

  app.addHook('onResponse', async (request) => {
    if (request.url.startsWith('/__emulator/')) return;
    state.countRequest(`${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`);
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof LagoApiError) return sendLagoError(reply, error);
    // Unparseable JSON and the like: Rails answers bad_request_error.
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(400).send({ status: 400, error: `BadRequest: ${error.message}` });
    }
    reply.log.error(error);
    return reply.code(500).send({ status: 500, error: 'Internal Server Error' });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ status: 404, error: 'Not Found' }));

  registerCustomerRoutes(app, context);
  registerAddOnRoutes(app, context);
  registerInvoiceRoutes(app, context);
  registerWebhookRoutes(app, context);
  registerCheckoutRoutes(app, context, { successUrl: options.checkoutSuccessUrl });
  registerControlRoutes(app, context);

  webhooks.start();
  app.addHook('onClose', async () => webhooks.stop());
  return app;
}

export async function startLagoEmulator(
  options: { port?: number; host?: string } & Omit<LagoEmulatorOptions, 'logger'> = {},
): Promise<RunningEmulator> {
  const { port, host, ...rest } = options;
  const app = buildLagoEmulator(rest);
  return listenEmulator(app, port ?? 0, host);
}
