import type { FastifyRequest } from 'fastify';
import { GoogleApiError } from './errors.ts';
import type { AccessToken, Calendar, GoogleEmulatorState } from './state.ts';

/** Bearer-token checks for the Calendar API (errors guide A3: 401 authError, 403, 404). */

const SCOPE_PREFIX = 'https://www.googleapis.com/auth/';
const WRITE_SCOPES = new Set(['calendar', 'calendar.events'].map((s) => SCOPE_PREFIX + s));
const READ_SCOPES = new Set(
  ['calendar', 'calendar.events', 'calendar.readonly', 'calendar.events.readonly'].map(
    (s) => SCOPE_PREFIX + s,
  ),
);

export function authenticate(state: GoogleEmulatorState, request: FastifyRequest): AccessToken {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const token = match ? state.accessTokens.get(match[1]!) : undefined;
  // Missing, unknown, revoked and expired tokens all get the same 401 (fixture google-401-authError).
  if (!token || token.revoked || token.expiresAt <= state.clock.now()) {
    throw new GoogleApiError(401, 'authError');
  }
  return token;
}

export function requireScope(token: AccessToken, access: 'read' | 'write'): void {
  const allowed = access === 'write' ? WRITE_SCOPES : READ_SCOPES;
  if (!token.scopes.some((scope) => allowed.has(scope))) {
    throw new GoogleApiError(403, 'insufficientPermissions');
  }
}

/** `primary` is the token's own calendar; a calendar not shared with the caller is a 404, as on Google. */
export function resolveCalendar(
  state: GoogleEmulatorState,
  token: AccessToken,
  calendarId: string,
): Calendar {
  const id = calendarId === 'primary' ? token.principal.email : calendarId;
  const calendar = state.calendars.get(id);
  const email = token.principal.email;
  if (!calendar || (calendar.owner !== email && !calendar.sharedWith.has(email))) {
    throw new GoogleApiError(404, 'notFound');
  }
  return calendar;
}
