import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { publicBaseUrl } from './channels-routes.ts';
import type { Notifier } from './notifier.ts';
import { revokeAccount, revokeToken } from './oauth-tokens.ts';
import { createServiceAccount } from './service-accounts.ts';
import type { GoogleEmulatorState } from './state.ts';

/** Test controls, kept apart from the emulated API under `/__emulator/` (README lists them all). */

export function parseOr400<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  reply.code(400).send({ error: z.prettifyError(parsed.error) });
  return undefined;
}

const accountSchema = z.object({
  email: z.email(),
  displayName: z.string().optional(),
  timeZone: z.string().optional(),
});
const accountsSchema = z.union([accountSchema, z.object({ accounts: z.array(accountSchema) })]);
const clientSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(z.url()).default([]),
});
const serviceAccountSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/)
    .optional(),
  calendars: z.array(z.string()).optional(),
  domainWideDelegation: z.boolean().optional(),
});
const calendarSchema = z.object({
  id: z.string().min(1),
  owner: z.email(),
  summary: z.string().optional(),
  timeZone: z.string().optional(),
  sharedWith: z.array(z.string()).default([]),
});
const revokeSchema = z.object({ token: z.string().optional(), email: z.string().optional() });

export function registerControlRoutes(app: FastifyInstance, state: GoogleEmulatorState, notifier: Notifier) {
  app.post('/__emulator/reset', async (_request, reply) => {
    await notifier.flush();
    state.reset();
    return reply.code(204).send();
  });

  app.post('/__emulator/accounts', async (request, reply) => {
    const input = parseOr400(accountsSchema, request.body, reply);
    if (!input) return reply;
    const list = 'accounts' in input ? input.accounts : [input];
    const accounts = list.map(({ email, ...options }) => state.ensureAccount(email, options));
    return reply.code(201).send('accounts' in input ? { accounts } : accounts[0]);
  });

  app.post('/__emulator/oauth-clients', async (request, reply) => {
    const input = parseOr400(clientSchema, request.body, reply);
    if (!input) return reply;
    state.clients.set(input.clientId, input);
    return reply.code(201).send(input);
  });

  app.post('/__emulator/service-accounts', async (request, reply) => {
    const input = parseOr400(serviceAccountSchema, request.body, reply);
    if (!input) return reply;
    return reply.code(201).send(createServiceAccount(state, input, publicBaseUrl(state, request)));
  });

  app.post('/__emulator/calendars', async (request, reply) => {
    const input = parseOr400(calendarSchema, request.body, reply);
    if (!input) return reply;
    state.ensureAccount(input.owner);
    const calendar = state.ensureCalendar(input.id, input);
    for (const email of input.sharedWith) calendar.sharedWith.add(email);
    return reply.code(201).send({ id: calendar.id, owner: calendar.owner, resourceId: calendar.resourceId });
  });

  // Revoke refresh tokens by token or for a whole account: the next refresh is invalid_grant.
  app.post('/__emulator/revoke', async (request, reply) => {
    const input = parseOr400(revokeSchema, request.body, reply);
    if (!input) return reply;
    let revoked = 0;
    if (input.token) revoked += Number(revokeToken(state, input.token));
    if (input.email) revoked += revokeAccount(state, input.email);
    return { revoked };
  });

  app.get('/__emulator/state', async () => summarizeState(state));

  app.get('/__emulator/notifications', async () => ({ deliveries: state.deliveries }));
  app.post('/__emulator/notifications/flush', async () => {
    await notifier.flush();
    return { deliveries: state.deliveries.length };
  });
}

function summarizeState(state: GoogleEmulatorState) {
  const now = state.clock.now();
  const tokens = [...state.accessTokens.values()];
  const refresh = [...state.refreshTokens.values()];
  return {
    now: new Date(now).toISOString(),
    accounts: [...state.accounts.values()],
    serviceAccounts: [...state.serviceAccounts.values()].map(({ publicKeyPem: _pem, ...account }) => account),
    calendars: [...state.calendars.values()].map((calendar) => ({
      id: calendar.id,
      owner: calendar.owner,
      summary: calendar.summary,
      timeZone: calendar.timeZone,
      resourceId: calendar.resourceId,
      sharedWith: [...calendar.sharedWith],
      eventCount: calendar.order.filter((event) => event.status !== 'cancelled').length,
      cancelledCount: calendar.order.filter((event) => event.status === 'cancelled').length,
      syncGeneration: calendar.syncGeneration,
    })),
    channels: [...state.channels.values()].map((channel) => ({
      ...channel,
      isExpired: channel.expiration <= now,
      expiration: String(channel.expiration),
    })),
    tokens: {
      accessTokens: tokens.length,
      liveAccessTokens: tokens.filter((t) => !t.revoked && t.expiresAt > now).length,
      refreshTokens: refresh.length,
      revokedRefreshTokens: refresh.filter((t) => t.revoked).length,
      authorizationCodes: state.codes.size,
    },
    requests: Object.fromEntries(state.requestCounts),
    faults: state.faults.list(),
  };
}
