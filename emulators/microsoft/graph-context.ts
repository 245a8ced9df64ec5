import type { FastifyRequest } from 'fastify';
import { accessDenied, GraphError } from './errors.ts';
import type { AccessToken } from './identity-store.ts';
import { canReadCalendars, canWriteCalendars } from './scopes.ts';
import type { MicrosoftState } from './state.ts';
import type { EmulatedUser } from './users.ts';

export interface GraphCaller {
  token: AccessToken;
  user: EmulatedUser;
}

const invalidToken = (message: string) => new GraphError(401, 'InvalidAuthenticationToken', message);

/** Bearer-token check for every Graph route, with the 401 messages Graph sends. */
export function authenticate(state: MicrosoftState, request: FastifyRequest): GraphCaller {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw invalidToken('Access token is empty.');
  const token = state.identity.findAccessToken(match[1]);
  if (!token) throw invalidToken('CompactToken parsing failed with error code: 80049217');
  if (token.isRevoked || token.expiresAt <= state.clock.now()) {
    throw invalidToken('Access token has expired or is not yet valid.');
  }
  const user = state.users.find(token.userId);
  if (!user) throw invalidToken('Access token has expired or is not yet valid.');
  return { token, user };
}

/**
 * The mailbox a route addresses: `/me/...` is the caller, `/users/{id|upn}/...` must be the caller
 * too (delegated permissions reach only the signed-in user's calendar without sharing).
 */
export function targetMailbox(state: MicrosoftState, caller: GraphCaller, userParam?: string): EmulatedUser {
  if (!userParam) return caller.user;
  const user = state.users.find(userParam);
  if (!user) {
    throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${userParam}' is invalid.`);
  }
  if (user.id !== caller.user.id) throw accessDenied();
  return user;
}

export function requireCalendarAccess(caller: GraphCaller, write: boolean): void {
  const allowed = write
    ? canWriteCalendars(caller.token.permissions)
    : canReadCalendars(caller.token.permissions);
  if (!allowed) throw accessDenied();
}

/** Base URL for absolute links: the configured/learnt public URL, else what the caller used. */
export function publicBase(state: MicrosoftState, request: FastifyRequest): string {
  return state.publicUrl ?? `${request.protocol}://${request.host}`;
}

const callers = new WeakMap<FastifyRequest, GraphCaller>();

export function rememberCaller(request: FastifyRequest, caller: GraphCaller): void {
  callers.set(request, caller);
}

export function callerOf(request: FastifyRequest): GraphCaller {
  const caller = callers.get(request);
  if (!caller) throw invalidToken('Access token is empty.');
  return caller;
}
