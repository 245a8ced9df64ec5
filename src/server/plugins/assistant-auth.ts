import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../domain/errors.ts';
import { resolveAssistantKey } from '../../services/assistants/resolve-assistant-key.ts';
import type { Caller } from './caller.ts';

export type AssistantCaller = Extract<Caller, { kind: 'assistant' }>;

declare module 'fastify' {
  interface FastifyInstance {
    /** preValidation hook: a voice assistant with a live API key (`Authorization: Bearer rdv_live_…`). */
    requireAssistant: preValidationAsyncHookHandler;
  }
}

/** The assistant calling a route guarded by requireAssistant. */
export function assistantCaller(request: FastifyRequest): AssistantCaller {
  if (request.caller?.kind !== 'assistant') throw new AppError('UNAUTHENTICATED', 'Send a valid API key');
  return request.caller;
}

/**
 * The API key an Authorization header carries, however the scheme and spaces are spelled
 * (`Bearer <key>`, `bearer  <key>`, a tab, trailing blanks); null when it carries none. The one
 * reading of the header: the key check and the rate limit's bucket (routes/assistant.ts) agree
 * on which key a request holds.
 */
export function bearerKey(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** Resolves assistant API keys into `request.caller`; revoked or unknown keys are 401. */
export const assistantAuthPlugin = fp(
  async (app: FastifyInstance, options: { db: Database }) => {
    app.decorate('requireAssistant', async (request: FastifyRequest) => {
      const key = bearerKey(request.headers.authorization);
      const identity = key ? await resolveAssistantKey(options.db, key) : null;
      if (!identity) {
        throw new AppError(
          'UNAUTHENTICATED',
          'Send a valid, unrevoked API key as "Authorization: Bearer <key>"',
        );
      }
      request.caller = { kind: 'assistant', ...identity };
    });
  },
  { name: 'assistant-auth', dependencies: ['request-caller'] },
);
