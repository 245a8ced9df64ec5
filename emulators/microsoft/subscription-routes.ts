import type { FastifyInstance, FastifyRequest } from 'fastify';
import { accessDenied, GraphError } from './errors.ts';
import { callerOf, type GraphCaller, publicBase, requireCalendarAccess } from './graph-context.ts';
import type { MicrosoftState } from './state.ts';
import { renderSubscription, type Subscription } from './subscriptions.ts';

type Body = Record<string, unknown>;

const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
const invalid = (message: string) => new GraphError(400, 'InvalidRequest', message);

/** Event resources a delegated caller may subscribe to; anything else is refused. */
function resolveResource(state: MicrosoftState, caller: GraphCaller, resource: unknown): string {
  const m =
    typeof resource === 'string' ? /^\/?(me|users\/([^/]+))\/(?:calendar\/)?events$/i.exec(resource) : null;
  if (!m)
    throw invalid(
      `Resource '${String(resource)}' is not supported by the emulator (only event collections).`,
    );
  if (m[2]) {
    const user = state.users.find(m[2]);
    if (!user || user.id !== caller.user.id) throw accessDenied();
  }
  return (resource as string).replace(/^\//, '');
}

/**
 * Graph delivers only to HTTPS and refuses an http URL with "NotificationUrl scheme='http' is not
 * supported." The emulator, having no certificate to offer the tests and the demo, also accepts
 * plain http to loopback hosts — a divergence its README lists.
 */
function requireUrl(value: unknown, name: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw invalid(`Subscription '${name}' is missing or is not a valid URL.`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)))
    return url.toString();
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  throw invalid(`${label} scheme='${url.protocol.replace(/:$/, '')}' is not supported.`);
}

const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');

/** Both URLs are validated synchronously before 201 (change-notifications-delivery-notificationurl-validation.md). */
async function validateEndpoint(state: MicrosoftState, url: string, subscriptionId: string): Promise<void> {
  const outcome = await state.dispatcher.validate(url, subscriptionId);
  if (outcome === 'bad-status') {
    throw new GraphError(
      400,
      'ValidationError',
      'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
    );
  }
  if (outcome === 'bad-body') {
    throw new GraphError(
      400,
      'ValidationError',
      'Subscription validation request failed. Response must exactly match validationToken query parameter.',
    );
  }
}

/** `/v1.0/subscriptions` (subscription-post-subscriptions.md, -update, -delete, -reauthorize). */
export function registerSubscriptionRoutes(graph: FastifyInstance, state: MicrosoftState): void {
  const context = (request: FastifyRequest) => `${publicBase(state, request)}/v1.0/$metadata#subscriptions`;
  const owned = (request: FastifyRequest): Subscription =>
    state.subscriptions.get((request.params as { id: string }).id, callerOf(request).token.clientId);

  graph.post('/subscriptions', async (request, reply) => {
    const caller = callerOf(request);
    requireCalendarAccess(caller, false);
    const body = (request.body ?? {}) as Body;
    const changeType = String(body.changeType ?? '');
    if (!changeType?.split(',').every((t) => CHANGE_TYPES.has(t.trim()))) {
      throw invalid(`Subscription 'changeType' '${changeType}' is not valid.`);
    }
    const resource = resolveResource(state, caller, body.resource);
    const notificationUrl = requireUrl(body.notificationUrl, 'notificationUrl');
    const lifecycleNotificationUrl =
      body.lifecycleNotificationUrl == null
        ? null
        : requireUrl(body.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
    const expiresAt = state.subscriptions.parseExpiration(body.expirationDateTime);
    const clientState = body.clientState == null ? null : String(body.clientState);
    if (clientState && clientState.length > 128)
      throw invalid("Subscription 'clientState' exceeds 128 characters.");
    const id = state.subscriptions.newId();
    await validateEndpoint(state, notificationUrl, id);
    if (lifecycleNotificationUrl) await validateEndpoint(state, lifecycleNotificationUrl, id);
    const subscription: Subscription = {
      id,
      resource,
      userId: caller.user.id,
      applicationId: caller.token.clientId,
      creatorId: caller.user.id,
      changeType: changeType
        .split(',')
        .map((t) => t.trim())
        .join(','),
      notificationUrl,
      lifecycleNotificationUrl,
      clientState,
      expiresAt,
    };
    state.subscriptions.add(subscription);
    return reply
      .code(201)
      .send({ '@odata.context': `${context(request)}/$entity`, ...renderSubscription(subscription) });
  });

  graph.get('/subscriptions', async (request) => {
    const caller = callerOf(request);
    const live = state.subscriptions.listLive(caller.token.clientId, caller.user.id);
    return { '@odata.context': context(request), value: live.map(renderSubscription) };
  });

  graph.get('/subscriptions/:id', async (request) => ({
    '@odata.context': `${context(request)}/$entity`,
    ...renderSubscription(owned(request)),
  }));

  /** Renewal: only expirationDateTime (and notificationUrl) may change; lifecycle URL is fixed at creation. */
  graph.patch('/subscriptions/:id', async (request) => {
    const subscription = owned(request);
    const body = (request.body ?? {}) as Body;
    if (body.lifecycleNotificationUrl !== undefined) {
      throw invalid(
        "Subscription 'lifecycleNotificationUrl' can only be set when the subscription is created.",
      );
    }
    if (body.expirationDateTime !== undefined) {
      subscription.expiresAt = state.subscriptions.parseExpiration(body.expirationDateTime);
    }
    if (body.notificationUrl !== undefined) {
      const url = requireUrl(body.notificationUrl, 'notificationUrl');
      await validateEndpoint(state, url, subscription.id);
      subscription.notificationUrl = url;
    }
    return { '@odata.context': `${context(request)}/$entity`, ...renderSubscription(subscription) };
  });

  graph.delete('/subscriptions/:id', async (request, reply) => {
    state.subscriptions.delete(owned(request).id);
    return reply.code(204).send();
  });

  graph.post('/subscriptions/:id/reauthorize', async (request, reply) => {
    owned(request);
    return reply.code(200).send();
  });
}
