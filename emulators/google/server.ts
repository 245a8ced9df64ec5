import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { installFaults } from '../shared/faults.ts';
import { listenEmulator, type RunningEmulator } from '../shared/listen.ts';
import { registerChannelsRoutes } from './channels-routes.ts';
import { registerControlEventsRoutes } from './control-events-routes.ts';
import { registerControlRoutes } from './control-routes.ts';
import { GoogleApiError, googleErrorBody, isOAuthPath, OAuthError, renderFaultError } from './errors.ts';
import { registerEventsRoutes } from './events-routes.ts';
import { Notifier } from './notifier.ts';
import { registerOAuthRoutes } from './oauth-routes.ts';
import { GoogleEmulatorState } from './state.ts';

export type * from './state.ts';
export { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, GoogleEmulatorState } from './state.ts';

declare module 'fastify' {
  interface FastifyInstance {
    googleState: GoogleEmulatorState;
    googleNotifier: Notifier;
  }
}

export interface GoogleEmulatorOptions {
  /** Absolute URL the emulator is reachable at (resourceUri, token_uri); learned after listen otherwise. */
  publicUrl?: string;
  logger?: boolean;
}

const CONTROL_PREFIX = '/__emulator/';

function installBodyParsers(app: FastifyInstance): void {
  // Google accepts an empty JSON body; Fastify's default parser would refuse it.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new GoogleApiError(400, 'parseError', { message: 'Parse Error' }), undefined);
    }
  });
  // The token endpoint and the consent form are form-encoded.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}

function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | GoogleApiError | OAuthError, request, reply) => {
    if (error instanceof GoogleApiError) {
      if (error.status === 401)
        reply.header('www-authenticate', 'Bearer realm="https://accounts.google.com/"');
      return reply.code(error.status).send(error.body);
    }
    if (error instanceof OAuthError) return reply.code(error.status).send(error.body);
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (request.url.startsWith(CONTROL_PREFIX)) return reply.code(status).send({ error: error.message });
    if (isOAuthPath(request.url)) {
      return reply.code(status).send({ error: 'invalid_request', error_description: error.message });
    }
    if (status >= 500) request.log.error(error);
    return reply.code(status).send(googleErrorBody(status, status >= 500 ? 'backendError' : 'badRequest'));
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith(CONTROL_PREFIX))
      return reply.code(404).send({ error: 'Unknown control route' });
    return reply.code(404).send(googleErrorBody(404, 'notFound'));
  });
}

/** The Google Calendar v3 + OAuth 2.0 emulator as a Fastify app (state in memory). */
export function buildGoogleEmulator(options: GoogleEmulatorOptions = {}): FastifyInstance {
  // Closing ends keep-alive connections at once: a test's teardown never waits on a client's idle socket.
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  const state = new GoogleEmulatorState(options.publicUrl);
  const notifier = new Notifier(state);
  state.onCalendarChanged = (calendar) => notifier.calendarChanged(calendar);
  app.decorate('googleState', state);
  app.decorate('googleNotifier', notifier);

  installBodyParsers(app);
  installErrorHandling(app);
  // Per-route request counters: benchmarks count the Google requests the product made.
  app.addHook('onResponse', async (request) => {
    if (request.url.startsWith(CONTROL_PREFIX)) return;
    state.countRequest(`${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`);
  });
  installFaults(app, state.faults, state.clock, renderFaultError);
  registerOAuthRoutes(app, state);
  registerEventsRoutes(app, state);
  registerChannelsRoutes(app, state, notifier);
  registerControlRoutes(app, state, notifier);
  registerControlEventsRoutes(app, state);
  app.addHook('onClose', async () => notifier.flush());
  return app;
}

export async function startGoogleEmulator(
  options: { port?: number; host?: string; logger?: boolean } = {},
): Promise<RunningEmulator> {
  const app = buildGoogleEmulator({ logger: options.logger });
  const running = await listenEmulator(app, options.port ?? 0, options.host);
  app.googleState.publicUrl = running.url;
  return running;
}
