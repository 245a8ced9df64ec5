import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseWindowBound } from './delta-routes.ts';
import { GraphError } from './errors.ts';
import { parseExtendedFilter } from './event-query.ts';
import type { StoredEvent } from './event-store.ts';
import { skipPage } from './events-routes.ts';
import { callerOf, requireCalendarAccess, targetMailbox } from './graph-context.ts';
import type { MicrosoftState } from './state.ts';

type Query = Record<string, string | undefined>;

/** `$orderby=start/dateTime [asc|desc]` (what clients ask of a calendar view); anything else is refused. */
function ordering(orderby: string | undefined): ((a: StoredEvent, b: StoredEvent) => number) | undefined {
  if (!orderby) return undefined;
  const m = /^\s*(start|end)\/dateTime(?:\s+(asc|desc))?\s*$/i.exec(orderby);
  if (!m) {
    throw new GraphError(
      400,
      'BadRequest',
      `Could not find a property named '${orderby.trim()}' on type 'microsoft.graph.event'.`,
    );
  }
  const key = m[1]!.toLowerCase() === 'start' ? 'startMs' : 'endMs';
  const sign = m[2]?.toLowerCase() === 'desc' ? -1 : 1;
  return (a, b) => sign * (a[key] - b[key]);
}

/**
 * `GET /me/calendarView?startDateTime=…&endDateTime=…` (api-reference/v1.0/api/user-list-calendarview.md):
 * the events of the default calendar that overlap the window — start before its end, end after its
 * start —, both bounds required, with `$orderby`, `$top`/`$skip` paging (`@odata.nextLink`),
 * `$filter` on extended properties, `$expand`/`$select` and `Prefer: outlook.timezone` as for
 * `/me/events`. Recurring series are not expanded: the emulator stores single instances only.
 */
export function registerCalendarViewRoutes(graph: FastifyInstance, state: MicrosoftState): void {
  for (const path of ['/me/calendarView', '/me/calendar/calendarView', '/users/:userId/calendarView']) {
    graph.get(path, async (request: FastifyRequest, reply) => {
      const caller = callerOf(request);
      requireCalendarAccess(caller, false);
      const user = targetMailbox(state, caller, (request.params as { userId?: string }).userId);
      const query = request.query as Query;
      const startMs = parseWindowBound(query.startDateTime ?? query.StartDateTime);
      const endMs = parseWindowBound(query.endDateTime ?? query.EndDateTime);
      const matches = parseExtendedFilter(query.$filter) ?? (() => true);
      const order = ordering(query.$orderby);
      const inView = state.events
        .list(user.id)
        .filter((event) => event.startMs < endMs && event.endMs > startMs && matches(event));
      if (order) inView.sort(order);
      return skipPage(state, request, reply, user, 'calendarView', inView);
    });
  }
}
