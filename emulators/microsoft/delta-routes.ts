import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type DeltaPage, StaleSyncStateError } from './delta-sync.ts';
import { GraphError } from './errors.ts';
import { renderEvent } from './event-render.ts';
import { renderOptionsFor } from './events-routes.ts';
import { callerOf, publicBase, requireCalendarAccess, targetMailbox } from './graph-context.ts';
import type { MicrosoftState } from './state.ts';

type Query = Record<string, string | undefined>;

/** Assumed default when no `Prefer: odata.maxpagesize` is sent (Outlook collections page by 10). */
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 1000;
const UNSUPPORTED = ['$orderby', '$filter', '$select', '$expand', '$search', '$top'];

function pageSize(request: FastifyRequest, reply: FastifyReply): number {
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(String(request.headers.prefer ?? ''));
  if (!m) return DEFAULT_PAGE_SIZE;
  const size = Math.min(Math.max(Number(m[1]), 1), MAX_PAGE_SIZE);
  reply.header('preference-applied', `odata.maxpagesize=${size}`);
  return size;
}

/**
 * A calendarView window bound (user-list-calendarview.md): read with the offset it carries, as UTC
 * without one, never in the Prefer time zone; missing → Graph's window error.
 */
export function parseWindowBound(value: string | undefined): number {
  const ms = value ? Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  }
  return ms;
}

/** `GET /me/calendarView/delta` (event-delta.md): window on the first call, tokens after. */
export function registerDeltaRoutes(graph: FastifyInstance, state: MicrosoftState): void {
  for (const path of ['/me/calendarView/delta', '/users/:userId/calendarView/delta']) {
    graph.get(path, async (request, reply) => {
      const caller = callerOf(request);
      requireCalendarAccess(caller, false);
      const user = targetMailbox(state, caller, (request.params as { userId?: string }).userId);
      const query = request.query as Query;
      const unsupported = UNSUPPORTED.filter((p) => query[p] !== undefined);
      if (unsupported.length > 0) {
        throw new GraphError(
          400,
          'ErrorInvalidUrlQuery',
          `The following parameters are not supported with change tracking over the 'CalendarView' resource: '${UNSUPPORTED.join(', ')}'.`,
        );
      }
      const size = pageSize(request, reply);
      let page: DeltaPage;
      try {
        if (query.$deltatoken) page = state.delta.resume(query.$deltatoken, size);
        else if (query.$skiptoken) page = state.delta.next(query.$skiptoken, size);
        else {
          const startMs = parseWindowBound(query.startDateTime ?? query.StartDateTime);
          const endMs = parseWindowBound(query.endDateTime ?? query.EndDateTime);
          page = state.delta.start({ userId: user.id, startMs, endMs }, size);
        }
      } catch (error) {
        // Real body: graph-410-syncStateNotFound.issue2877.json.
        if (!(error instanceof StaleSyncStateError)) throw error;
        const h = error.highest;
        throw new GraphError(
          410,
          'SyncStateNotFound',
          `The sync state generation is not found; generation=${error.generation};[highest=${h}][${h}][${h - 2}][${h - 1}].`,
        );
      }
      if (page.window.userId !== user.id)
        throw new GraphError(410, 'SyncStateNotFound', 'The sync state generation is not found.');
      const options = {
        ...renderOptionsFor(request, reply, user),
        expandExtended: undefined,
        withODataType: true,
      };
      const value = page.items.map(({ id, isRemoved }) => {
        const event = state.events.peek(user.id, id);
        if (isRemoved || !event || event.isDeleted) {
          return { '@odata.type': '#microsoft.graph.event', id, '@removed': { reason: 'deleted' } };
        }
        return renderEvent(event, options);
      });
      const userParam = (request.params as { userId?: string }).userId;
      const base = `${publicBase(state, request)}/v1.0/${userParam ? `users/${userParam}` : 'me'}/calendarView/delta`;
      const link = page.skipToken
        ? { '@odata.nextLink': `${base}?$skiptoken=${page.skipToken}` }
        : { '@odata.deltaLink': `${base}?$deltatoken=${page.deltaToken}` };
      return {
        '@odata.context': `${publicBase(state, request)}/v1.0/$metadata#Collection(event)`,
        ...link,
        value,
      };
    });
  }
}
