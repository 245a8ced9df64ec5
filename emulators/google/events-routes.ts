import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, requireScope, resolveCalendar } from './api-auth.ts';
import { deleteEvent, findEvent, insertEvent, patchEvent, updateEvent } from './calendar-events.ts';
import { GoogleApiError } from './errors.ts';
import { fullEventResource } from './event-resource.ts';
import { type ListQuery, listEvents } from './events-list.ts';
import type { GoogleEmulatorState, StoredEvent } from './state.ts';

/** events.list/get/insert/patch/update/delete under the real path layout (discovery doc, A1). */

interface CalendarParams {
  calendarId: string;
}
interface EventParams extends CalendarParams {
  eventId: string;
}

const EVENTS = '/calendar/v3/calendars/:calendarId/events';
const EVENT = '/calendar/v3/calendars/:calendarId/events/:eventId';

function bodyObject(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** `If-Match` with a stale etag → 412 conditionNotMet (fixture google-412-conditionNotMet). */
function checkIfMatch(request: FastifyRequest, event: StoredEvent): void {
  const ifMatch = request.headers['if-match'];
  if (ifMatch === undefined || ifMatch === '*') return;
  const etags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!etags.includes(event.etag)) throw new GoogleApiError(412, 'conditionNotMet');
}

export function registerEventsRoutes(app: FastifyInstance, state: GoogleEmulatorState): void {
  function open(request: FastifyRequest<{ Params: CalendarParams }>, access: 'read' | 'write') {
    const token = authenticate(state, request);
    requireScope(token, access);
    const calendar = resolveCalendar(state, token, request.params.calendarId);
    return { token, calendar, viewer: token.principal.email };
  }

  app.get<{ Params: CalendarParams }>(EVENTS, async (request) => {
    const { calendar, viewer } = open(request, 'read');
    return listEvents(state, calendar, request.query as ListQuery, viewer);
  });

  app.post<{ Params: CalendarParams }>(EVENTS, async (request) => {
    const { calendar, viewer } = open(request, 'write');
    const event = insertEvent(state, calendar, bodyObject(request));
    return fullEventResource(calendar, event, viewer);
  });

  // "The get method always returns" cancelled events (A1, Event.status).
  app.get<{ Params: EventParams }>(EVENT, async (request, reply) => {
    const { calendar, viewer } = open(request, 'read');
    const event = findEvent(calendar, request.params.eventId);
    if (request.headers['if-none-match'] === event.etag) return reply.code(304).send();
    return fullEventResource(calendar, event, viewer);
  });

  app.patch<{ Params: EventParams }>(EVENT, async (request) => {
    const { calendar, viewer } = open(request, 'write');
    const event = findEvent(calendar, request.params.eventId);
    checkIfMatch(request, event);
    patchEvent(state, calendar, event, bodyObject(request));
    return fullEventResource(calendar, event, viewer);
  });

  app.put<{ Params: EventParams }>(EVENT, async (request) => {
    const { calendar, viewer } = open(request, 'write');
    const event = findEvent(calendar, request.params.eventId);
    checkIfMatch(request, event);
    updateEvent(state, calendar, event, bodyObject(request));
    return fullEventResource(calendar, event, viewer);
  });

  // "No response body" on success; an already-deleted event → 410 deleted (errors guide).
  app.delete<{ Params: EventParams }>(EVENT, async (request, reply) => {
    const { calendar } = open(request, 'write');
    const event = findEvent(calendar, request.params.eventId);
    checkIfMatch(request, event);
    deleteEvent(state, calendar, event);
    return reply.code(204).send();
  });
}
