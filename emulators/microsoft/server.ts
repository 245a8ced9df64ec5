import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { installFaults } from '../shared/faults.ts';
import { listenEmulator, type RunningEmulator } from '../shared/listen.ts';
import { registerCalendarViewRoutes } from './calendar-view-routes.ts';
import { registerControlRoutes } from './control-routes.ts';
import { registerDeltaRoutes } from './delta-routes.ts';
import {
  faultRenderer,
  GraphError,
  graphErrorBody,
  IdentityError,
  identityErrorBody,
  requestIds,
} from './errors.ts';
import { registerEventRoutes } from './events-routes.ts';
import { authenticate, rememberCaller } from './graph-context.ts';
import { registerIdentityRoutes } from './identity-routes.ts';
import { MicrosoftState } from './state.ts';
import { registerSubscriptionRoutes } from './subscription-routes.ts';

export interface MicrosoftEmulatorOptions {
  /** Base URL for the absolute links the emulator emits; learnt from the listener when omitted. */
  publicUrl?: string;
  logger?: boolean;
}

const isGraphPath = (url: string) => url.startsWith('/v1.0/') || url === '/v1.0';

/** The Microsoft identity platform v2 + Graph v1.0 calendar emulator, as a Fastify app with in-memory state. */
export function buildMicrosoftEmulator(options: MicrosoftEmulatorOptions = {}): FastifyInstance {
  const state = new MicrosoftState();
  state.publicUrl = options.publicUrl;
  // Graph matches path segments case-insensitively (calendarview == calendarView).
  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { caseSensitive: false },
    // Bulk seeding of 10,000 events goes through one request.
    bodyLimit: 64 * 1024 * 1024,
    // Closing ends keep-alive connections at once: a test's teardown never waits on a client's idle socket.
    forceCloseConnections: true,
  });
  app.decorate('microsoftState', state);

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.addHook('onRequest', async (request, reply) => {
    if (!isGraphPath(request.url)) return;
    const { requestId, clientRequestId } = requestIds(request);
    reply.header('request-id', requestId).header('client-request-id', clientRequestId);
  });
  app.addHook('onResponse', async (request) => {
    const route = request.routeOptions.url;
    if (!route || route.startsWith('/__emulator/')) return;
    const key = `${request.method} ${route}`;
    state.requestCounts.set(key, (state.requestCounts.get(key) ?? 0) + 1);
  });

  const renderFault = faultRenderer(state.clock);
  installFaults(app, state.faults, state.clock, renderFault);

  app.setErrorHandler((error: FastifyError | GraphError | IdentityError, request, reply) => {
    if (error instanceof GraphError) {
      return reply.code(error.status).send(graphErrorBody(request, state.clock, error));
    }
    if (error instanceof IdentityError) {
      return reply.code(error.status).send(identityErrorBody(state.clock, error));
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (request.url.startsWith('/__emulator/')) return reply.code(status).send({ error: error.message });
    if (!isGraphPath(request.url)) {
      const identity = new IdentityError(
        status,
        status < 500 ? 'invalid_request' : 'server_error',
        90014,
        error.message,
      );
      return reply.code(status).send(identityErrorBody(state.clock, identity));
    }
    const graphError =
      status < 500
        ? new GraphError(
            400,
            'BadRequest',
            'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
          )
        : new GraphError(500, 'generalException', 'An internal server error occurred.');
    if (status >= 500) request.log.error(error);
    return reply.code(graphError.status).send(graphErrorBody(request, state.clock, graphError));
  });

  app.setNotFoundHandler((request, reply) => {
    if (!isGraphPath(request.url)) return reply.code(404).send({ error: 'not_found', path: request.url });
    const segment = request.url.split('?')[0].split('/').filter(Boolean).pop() ?? '';
    const error = new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
    return reply.code(400).send(graphErrorBody(request, state.clock, error));
  });

  registerIdentityRoutes(app, state);
  app.register(
    async (graph) => {
      graph.addHook('preHandler', async (request) => {
        rememberCaller(request, authenticate(state, request));
      });
      registerEventRoutes(graph, state);
      registerDeltaRoutes(graph, state);
      registerCalendarViewRoutes(graph, state);
      registerSubscriptionRoutes(graph, state);
    },
    { prefix: '/v1.0' },
  );
  registerControlRoutes(app, state);
  return app;
}

/** Emulator state behind a built app (for in-process tests that want to look inside). */
export function microsoftStateOf(app: FastifyInstance): MicrosoftState {
  return (app as FastifyInstance & { microsoftState: MicrosoftState }).microsoftState;
}

export async function startMicrosoftEmulator(
  options: { port?: number; host?: string; publicUrl?: string } = {},
): Promise<RunningEmulator> {
  const app = buildMicrosoftEmulator({ publicUrl: options.publicUrl });
  const running = await listenEmulator(app, options.port ?? 0, options.host);
  const state = microsoftStateOf(app);
  state.publicUrl ??= running.url;
  return running;
}
