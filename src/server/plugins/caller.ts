import type { FastifyInstance, FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../shared/auth.ts';
import type { Auth } from '../auth/better-auth.ts';
import { toFetchHeaders } from '../auth/fetch-bridge.ts';
import { createSessionReader, type SessionReader } from '../auth/session-reader.ts';

/** Who is calling, resolved once per request: a signed-in member of a tenant, or an assistant. */
export type Caller =
  | { kind: 'user'; userId: string; tenantId: string; role: Role; email: string; name: string }
  | { kind: 'assistant'; assistantId: string; tenantId: string; assigneeUserId: string | null };
export type UserCaller = Extract<Caller, { kind: 'user' }>;

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyInstance {
    /** preValidation hook: any signed-in member of a tenant. */
    requireUser: preValidationAsyncHookHandler;
    /** preValidation hook factory: a signed-in member with one of these roles. */
    requireRole: (...roles: Role[]) => preValidationAsyncHookHandler;
  }
}

/** The signed-in caller of a route guarded by requireUser/requireRole. */
export function userCaller(request: FastifyRequest): UserCaller {
  if (request.caller?.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  return request.caller;
}

async function resolveUser(
  auth: Auth,
  readSessionMember: SessionReader,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<UserCaller> {
  let member = await readSessionMember(request.headers);
  if (!member) {
    // Not the common case: Better Auth refuses, clears or extends the session.
    const { headers, response: session } = await auth.api.getSession({
      headers: toFetchHeaders(request.headers),
      returnHeaders: true,
    });
    // Once a day Better Auth extends an active session and renews its cookie; the renewed cookie
    // must reach the browser, or the old one expires a week after sign-in however active the user.
    const cookies = headers.getSetCookie();
    if (cookies.length > 0) reply.header('set-cookie', cookies);
    if (session) member = await readSessionMember(request.headers, 'accept');
    if (!member) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  }
  if (!member.tenantId) throw new AppError('FORBIDDEN', 'Your account does not belong to any practice');
  return {
    kind: 'user',
    userId: member.userId,
    tenantId: member.tenantId,
    role: member.role as Role,
    email: member.email,
    name: member.name,
  };
}

/** The one place that resolves the caller's tenant and role for every request. */
export const callerPlugin = fp(
  async (app: FastifyInstance, options: { auth: Auth; db: Database }) => {
    app.decorateRequest('caller', null);
    const readSessionMember = createSessionReader(options.auth, options.db);

    const requireUser: preValidationAsyncHookHandler = async (request, reply) => {
      request.caller ??= await resolveUser(options.auth, readSessionMember, request, reply);
    };
    app.decorate('requireUser', requireUser);
    app.decorate('requireRole', (...roles: Role[]) => {
      const guard: preValidationAsyncHookHandler = async (request, reply) => {
        request.caller ??= await resolveUser(options.auth, readSessionMember, request, reply);
        const caller = request.caller;
        if (caller.kind !== 'user' || !roles.includes(caller.role)) {
          throw new AppError('FORBIDDEN', 'You are not allowed to do this');
        }
      };
      return guard;
    });
  },
  { name: 'request-caller' },
);
