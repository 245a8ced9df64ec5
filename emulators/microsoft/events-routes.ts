import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphError } from './errors.ts';
import { parseEventInput } from './event-input.ts';
import { parseExtendedExpand, parseExtendedFilter, parseSelect } from './event-query.ts';
import { type RenderOptions, renderEvent } from './event-render.ts';
import type { StoredEvent } from './event-store.ts';
import { callerOf, publicBase, requireCalendarAccess, targetMailbox } from './graph-context.ts';
import type { MicrosoftState } from './state.ts';
import { preferredTimeZone } from './time-zones.ts';
import type { EmulatedUser } from './users.ts';

/** Every URL form that addresses the default calendar's events (user-list-events.md, calendar-list-events.md). */
export const EVENT_COLLECTIONS = [
  '/me/events',
  '/me/calendar/events',
  '/users/:userId/events',
  '/users/:userId/calendar/events',
];

type Params = { userId?: string; eventId?: string };
type Query = Record<string, string | undefined>;

/** Outlook collections page by 10 unless `$top` says otherwise (user-list-events.md: "$top"). */
const DEFAULT_TOP = 10;
const MAX_TOP = 1000;

/**
 * One page of a collection as Graph answers `$top`/`$skip`: the rendered events, and an
 * `@odata.nextLink` repeating the request's query with the next `$skip` while more remain.
 */
export function skipPage(
  state: MicrosoftState,
  request: FastifyRequest,
  reply: FastifyReply,
  user: EmulatedUser,
  collection: 'events' | 'calendarView',
  events: StoredEvent[],
): Record<string, unknown> {
  const query = request.query as Query;
  const top = Math.min(Number(query.$top ?? DEFAULT_TOP) || DEFAULT_TOP, MAX_TOP);
  const skip = Number(query.$skip ?? 0) || 0;
  const options = renderOptionsFor(request, reply, user);
  const base = publicBase(state, request);
  const page: Record<string, unknown> = {
    '@odata.context': `${base}/v1.0/$metadata#users('${user.id}')/${collection}`,
    value: events.slice(skip, skip + top).map((event) => renderEvent(event, options)),
  };
  if (skip + top < events.length) {
    const next = new URL(`${base}${request.url.split('?')[0]}`);
    for (const [k, v] of Object.entries(query))
      if (v !== undefined && k !== '$skip') next.searchParams.set(k, v);
    next.searchParams.set('$skip', String(skip + top));
    page['@odata.nextLink'] = next.toString();
  }
  return page;
}

/** Render options from the request: Prefer time zone, $expand and $select. */
export function renderOptionsFor(
  request: FastifyRequest,
  reply: FastifyReply,
  user: EmulatedUser,
): RenderOptions {
  const query = request.query as Query;
  const zone = preferredTimeZone(request.headers.prefer);
  if (zone.name !== 'UTC' || /outlook\.timezone/i.test(String(request.headers.prefer ?? ''))) {
    reply.header('preference-applied', `outlook.timezone="${zone.name}"`);
  }
  return {
    zone,
    user,
    expandExtended: parseExtendedExpand(query.$expand),
    select: parseSelect(query.$select),
  };
}

/**
 * `If-Match` against `W/"<changeKey>"`: a stale value is 412 ErrorIrresolvableConflict, the code and
 * message Exchange sends (microsoft-graph-docs-contrib#7934, msgraph-sdk-dotnet#1201 "PreconditionFailed").
 */
function checkIfMatch(request: FastifyRequest, event: StoredEvent): void {
  const ifMatch = request.headers['if-match'];
  if (!ifMatch || ifMatch === '*') return;
  const wanted = ifMatch.replace(/^W\//, '').replace(/^"|"$/g, '');
  if (wanted !== event.changeKey) {
    throw new GraphError(
      412,
      'ErrorIrresolvableConflict',
      'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
    );
  }
}

export function registerEventRoutes(graph: FastifyInstance, state: MicrosoftState): void {
  const mailbox = (request: FastifyRequest, write: boolean) => {
    const caller = callerOf(request);
    requireCalendarAccess(caller, write);
    return targetMailbox(state, caller, (request.params as Params).userId);
  };

  for (const collection of EVENT_COLLECTIONS) {
    graph.get(collection, async (request, reply) => {
      const user = mailbox(request, false);
      const query = request.query as Query;
      const matches = parseExtendedFilter(query.$filter) ?? (() => true);
      const all = state.events.list(user.id).filter(matches);
      return skipPage(state, request, reply, user, 'events', all);
    });

    graph.post(collection, async (request, reply) => {
      const user = mailbox(request, true);
      const { event } = state.events.create(user.id, parseEventInput(request.body, true));
      const base = publicBase(state, request);
      return reply.code(201).send({
        '@odata.context': `${base}/v1.0/$metadata#users('${user.id}')/events/$entity`,
        ...renderEvent(event, renderOptionsFor(request, reply, user)),
      });
    });

    graph.get(`${collection}/:eventId`, async (request, reply) => {
      const user = mailbox(request, false);
      const event = state.events.get(user.id, (request.params as Params).eventId!);
      return {
        '@odata.context': `${publicBase(state, request)}/v1.0/$metadata#users('${user.id}')/events/$entity`,
        ...renderEvent(event, renderOptionsFor(request, reply, user)),
      };
    });

    graph.patch(`${collection}/:eventId`, async (request, reply) => {
      const user = mailbox(request, true);
      const eventId = (request.params as Params).eventId!;
      checkIfMatch(request, state.events.get(user.id, eventId));
      const event = state.events.update(user.id, eventId, parseEventInput(request.body, false));
      return {
        '@odata.context': `${publicBase(state, request)}/v1.0/$metadata#users('${user.id}')/events/$entity`,
        ...renderEvent(event, renderOptionsFor(request, reply, user)),
      };
    });

    graph.delete(`${collection}/:eventId`, async (request, reply) => {
      const user = mailbox(request, true);
      const eventId = (request.params as Params).eventId!;
      checkIfMatch(request, state.events.get(user.id, eventId));
      state.events.delete(user.id, eventId);
      return reply.code(204).send();
    });
  }
}
