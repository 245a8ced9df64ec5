import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { GraphError } from './errors.ts';
import { parseEventInput } from './event-input.ts';
import { renderEvent } from './event-render.ts';
import { graphTimestamp } from './ids.ts';
import type { MicrosoftState } from './state.ts';
import { renderSubscription } from './subscriptions.ts';
import { type EmulatedUser, userInputSchema } from './users.ts';

const appSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.string().url()).optional(),
});
const revokeSchema = z.object({ userId: z.string(), accessTokens: z.boolean().optional() });
const seedSchema = z.object({
  users: z.array(userInputSchema).optional(),
  events: z.array(z.object({ userId: z.string() }).passthrough()).optional(),
});
const lifecycleSchema = z.object({
  lifecycleEvent: z.enum(['reauthorizationRequired', 'subscriptionRemoved', 'missed']),
});

const UTC = { name: 'UTC', iana: 'UTC' };

function invalid(reply: FastifyReply, error: z.ZodError) {
  return reply.code(400).send({ error: z.prettifyError(error) });
}

/**
 * Test controls, kept apart from the emulated API under `/__emulator/`. Edits made here act "as a
 * human in Outlook": they bump changeKey, feed delta and send change notifications.
 */
export function registerControlRoutes(app: FastifyInstance, state: MicrosoftState): void {
  const userOr404 = (id: string): EmulatedUser => {
    const user = state.users.find(id);
    if (!user) throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${id}' is invalid.`);
    return user;
  };
  const raw = (user: EmulatedUser) => (e: Parameters<typeof renderEvent>[0]) => ({
    ...renderEvent(e, { zone: UTC, user, expandExtended: () => true }),
    seq: e.seq,
  });

  app.post('/__emulator/reset', async (_request, reply) => {
    state.reset();
    return reply.code(204).send();
  });

  app.post('/__emulator/users', async (request, reply) => {
    const parsed = userInputSchema.safeParse(request.body);
    if (!parsed.success) return invalid(reply, parsed.error);
    return reply.code(201).send(state.users.add(parsed.data));
  });
  app.get('/__emulator/users', async () => state.users.list());

  app.post('/__emulator/apps', async (request, reply) => {
    const parsed = appSchema.safeParse(request.body);
    if (!parsed.success) return invalid(reply, parsed.error);
    const registered = { ...parsed.data, redirectUris: parsed.data.redirectUris ?? null };
    state.identity.apps.set(registered.clientId, registered);
    return reply.code(201).send(registered);
  });

  app.post('/__emulator/revoke', async (request, reply) => {
    const parsed = revokeSchema.safeParse(request.body);
    if (!parsed.success) return invalid(reply, parsed.error);
    const user = userOr404(parsed.data.userId);
    return state.identity.revoke(user.id, parsed.data.accessTokens ?? false);
  });

  app.get('/__emulator/users/:id/events', async (request) => {
    const user = userOr404((request.params as { id: string }).id);
    return { value: state.events.list(user.id).map(raw(user)) };
  });
  app.post('/__emulator/users/:id/events', async (request, reply) => {
    const user = userOr404((request.params as { id: string }).id);
    const { event } = state.events.create(user.id, parseEventInput(request.body, true));
    return reply.code(201).send(raw(user)(event));
  });
  app.patch('/__emulator/users/:id/events/:eventId', async (request) => {
    const { id, eventId } = request.params as { id: string; eventId: string };
    const user = userOr404(id);
    return raw(user)(state.events.update(user.id, eventId, parseEventInput(request.body, false)));
  });
  app.delete('/__emulator/users/:id/events/:eventId', async (request, reply) => {
    const { id, eventId } = request.params as { id: string; eventId: string };
    state.events.delete(userOr404(id).id, eventId);
    return reply.code(204).send();
  });

  /** Bulk load without notifications: existing mailbox content before the product connects. */
  app.post('/__emulator/seed', async (request, reply) => {
    const parsed = seedSchema.safeParse(request.body);
    if (!parsed.success) return invalid(reply, parsed.error);
    const users = (parsed.data.users ?? []).map((u) => state.users.add(u));
    const ids: string[] = [];
    for (const { userId, ...body } of parsed.data.events ?? []) {
      const user = userOr404(userId);
      ids.push(state.events.create(user.id, parseEventInput(body, true), { silent: true }).event.id);
    }
    return reply.code(201).send({ users, eventIds: ids });
  });

  app.get('/__emulator/state', async () => ({
    now: state.clock.date().toISOString(),
    users: state.users.list().map((u) => ({ ...u, events: state.events.list(u.id).length })),
    events: state.events.count(),
    subscriptions: state.subscriptions.all().map((s) => ({
      ...renderSubscription(s),
      userId: s.userId,
      isExpired: s.expiresAt <= state.clock.now(),
    })),
    tokens: state.identity.summary(),
    notifications: state.dispatcher.records.length,
    requests: Object.fromEntries(state.requestCounts),
    faults: state.faults.list(),
  }));

  app.post('/__emulator/expire-delta-tokens', async () => ({ expired: state.delta.expireAll() }));

  app.get('/__emulator/notifications', async (request) => {
    const { subscriptionId, kind } = request.query as { subscriptionId?: string; kind?: string };
    return state.dispatcher.records.filter(
      (r) => (!subscriptionId || r.subscriptionId === subscriptionId) && (!kind || r.kind === kind),
    );
  });
  app.post('/__emulator/notifications/flush', async () => ({ deliveries: await state.dispatcher.flush() }));
  app.delete('/__emulator/notifications', async (_request, reply) => {
    state.dispatcher.clear();
    return reply.code(204).send();
  });

  app.post('/__emulator/subscriptions/:id/lifecycle', async (request, reply) => {
    const parsed = lifecycleSchema.safeParse(request.body);
    if (!parsed.success) return invalid(reply, parsed.error);
    const s = state.subscriptions.sendLifecycle(
      (request.params as { id: string }).id,
      parsed.data.lifecycleEvent,
    );
    return reply
      .code(202)
      .send({ subscriptionId: s.id, subscriptionExpirationDateTime: graphTimestamp(s.expiresAt) });
  });
}
