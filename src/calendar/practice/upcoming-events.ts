import type { UserCaller } from '../../server/plugins/caller.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { connectedProvider } from '../connections/connected-provider.ts';
import { listConnectionRows } from '../connections/list-connections.ts';
import { ProviderError } from '../errors.ts';
import { isAssistantBooking, metadataKeys } from '../sync/assistant-booking.ts';

/** GET /api/calendar/events (spec 002): the next events of each connected calendar. */
export async function getUpcomingEvents(ctx: CalendarContext, caller: UserCaller, max = 50) {
  const results = [];
  for (const connection of await listConnectionRows(ctx.db, caller)) {
    if (connection.status !== 'active') {
      results.push({
        connectionId: connection.id,
        provider: connection.provider,
        email: connection.email,
        error: 'expired',
        events: [],
      });
      continue;
    }
    try {
      const events = await connectedProvider(ctx, connection).listUpcoming(new Date(), max);
      results.push({
        connectionId: connection.id,
        provider: connection.provider,
        email: connection.email,
        error: null,
        events: events.map((e) => ({
          id: e.id,
          summary: e.summary,
          start: e.start?.toISOString() ?? null,
          end: e.end?.toISOString() ?? null,
          isAllDay: e.isAllDay,
          bookedByAssistant: isAssistantBooking(e),
          appointmentId: e.metadata[metadataKeys.appointmentId] ?? null,
        })),
      });
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      results.push({
        connectionId: connection.id,
        provider: connection.provider,
        email: connection.email,
        error: error.message,
        events: [],
      });
    }
  }
  return results;
}
