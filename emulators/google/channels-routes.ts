import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, requireScope, resolveCalendar } from './api-auth.ts';
import { GoogleApiError, invalidField } from './errors.ts';
import type { Notifier } from './notifier.ts';
import type { Channel, GoogleEmulatorState } from './state.ts';

/** events.watch and channels.stop (push guide, PROVIDERS.md A4; Channel schema, A1). */

/** Calendar channels live a week unless the caller asks otherwise (`expiration` or `params.ttl`). */
const DEFAULT_CHANNEL_TTL_MS = 7 * 24 * 3600 * 1000;

interface WatchBody {
  id?: unknown;
  type?: unknown;
  address?: unknown;
  token?: unknown;
  expiration?: unknown;
  params?: { ttl?: unknown };
}

/**
 * Google delivers only to HTTPS addresses (PROVIDERS.md A4). The emulator, having no certificate
 * to offer the tests and the demo, also delivers over plain http to loopback hosts — a
 * divergence its README lists; any other http address is refused as Google refuses it.
 */
function deliverable(address: URL): boolean {
  if (address.protocol === 'https:') return true;
  return (
    address.protocol === 'http:' &&
    (address.hostname === 'localhost' || address.hostname === '[::1]' || address.hostname.startsWith('127.'))
  );
}

export function publicBaseUrl(state: GoogleEmulatorState, request: FastifyRequest): string {
  return state.publicUrl ?? `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

function channelResource(channel: Channel) {
  const resource: Record<string, unknown> = {
    kind: 'api#channel',
    id: channel.id,
    resourceId: channel.resourceId,
    resourceUri: channel.resourceUri,
  };
  if (channel.token !== undefined) resource.token = channel.token;
  // int64 fields travel as strings in Google's JSON (discovery doc: Channel.expiration, format int64).
  resource.expiration = String(channel.expiration);
  return resource;
}

function expirationFor(state: GoogleEmulatorState, body: WatchBody): number {
  const now = state.clock.now();
  const ttlSeconds = Number(body.params?.ttl);
  if (body.params?.ttl !== undefined && Number.isFinite(ttlSeconds)) return now + ttlSeconds * 1000;
  const requested = Number(body.expiration);
  if (body.expiration !== undefined && Number.isFinite(requested)) return requested;
  return now + DEFAULT_CHANNEL_TTL_MS;
}

export function registerChannelsRoutes(app: FastifyInstance, state: GoogleEmulatorState, notifier: Notifier) {
  app.post<{ Params: { calendarId: string } }>(
    '/calendar/v3/calendars/:calendarId/events/watch',
    async (request) => {
      const token = authenticate(state, request);
      requireScope(token, 'read');
      const calendar = resolveCalendar(state, token, request.params.calendarId);
      const body = (request.body ?? {}) as WatchBody;
      if (typeof body.id !== 'string' || body.id === '') throw invalidField('required', 'Required');
      if (body.type !== 'web_hook' && body.type !== 'webhook')
        throw invalidField('invalid', 'Invalid channel type.');
      if (typeof body.address !== 'string' || !URL.canParse(body.address)) {
        throw invalidField('required', 'Required address.');
      }
      if (!deliverable(new URL(body.address))) {
        throw new GoogleApiError(400, 'push.webhookUrlNotHttps', {
          domain: 'global',
          message: `WebHook callback must be HTTPS: ${body.address}`,
        });
      }
      if (state.channels.has(body.id)) {
        throw new GoogleApiError(400, 'channelIdNotUnique', { message: 'Channel id not unique' });
      }
      const base = publicBaseUrl(state, request);
      const channel: Channel = {
        id: body.id,
        resourceId: calendar.resourceId,
        // As in the real captured header: the events collection URL with `?alt=json`.
        resourceUri: `${base}/calendar/v3/calendars/${encodeURIComponent(calendar.id)}/events?alt=json`,
        calendarId: calendar.id,
        address: body.address,
        token: typeof body.token === 'string' ? body.token : undefined,
        expiration: expirationFor(state, body),
        messageNumber: 0,
        ownerEmail: token.principal.email,
        stopped: false,
      };
      state.channels.set(channel.id, channel);
      notifier.sendSync(channel);
      return channelResource(channel);
    },
  );

  // POST channels/stop {id, resourceId} → 204 No Content; an unknown channel → 404 (A4).
  app.post('/calendar/v3/channels/stop', async (request, reply) => {
    authenticate(state, request);
    const body = (request.body ?? {}) as { id?: unknown; resourceId?: unknown };
    const channel = typeof body.id === 'string' ? state.channels.get(body.id) : undefined;
    if (!channel || channel.stopped || channel.resourceId !== body.resourceId) {
      throw new GoogleApiError(404, 'notFound', {
        message: `Channel '${String(body.id)}' not found for project 'rendezvous-dev'`,
      });
    }
    channel.stopped = true;
    state.channels.delete(channel.id);
    return reply.code(204).send();
  });
}
