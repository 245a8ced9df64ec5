import { and, eq, lt, sql } from 'drizzle-orm';
import { calendarEventLinks } from '../../db/schema/index.ts';
import { type Actor, changeAppointment } from '../../services/appointments/record-change.ts';
import type { CalendarContext } from '../calendar-context.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import { EventGoneError } from '../errors.ts';
import type { CalendarProvider } from '../provider.ts';
import { canImportFrom } from './importing-calendars.ts';
import type { SyncCounts } from './sync-runs.ts';

/**
 * Whether the provider confirms an event is gone: answered 404/410, or shown cancelled. An event
 * merely missing from a listing proves nothing; only this answer cancels an appointment.
 */
export async function isGoneUpstream(provider: CalendarProvider, eventId: string, counts: SyncCounts) {
  counts.requests += 1;
  try {
    return (await provider.getEvent(eventId)).isCancelled;
  } catch (error) {
    if (error instanceof EventGoneError) return true;
    throw error;
  }
}

/**
 * Cancelled upstream: the appointment is cancelled (its row stays), by the calendar as the actor —
 * unless the practice does not import from that calendar (a client's: importing-calendars.ts),
 * where deleting our event changes nothing; a later push of the appointment makes it again.
 */
export async function cancelGoneAppointment(
  ctx: CalendarContext,
  connection: ConnectionRow,
  appointmentId: string,
  counts: SyncCounts,
) {
  if (!(await canImportFrom(ctx.db, connection))) return;
  const actor: Actor = { type: 'calendar', id: connection.id };
  let cancelled = false;
  await changeAppointment(ctx.db, connection.tenantId, appointmentId, actor, (before) => {
    if (before.status !== 'pending' && before.status !== 'confirmed') return null;
    cancelled = true;
    return { action: 'cancelled', patch: { status: 'cancelled', syncedAt: new Date() } };
  });
  if (cancelled) counts.cancelled += 1;
}

/**
 * Whether a connection (in a query on calendar_connections) has pushes no listing has shown yet.
 * The outer column is spelt out: Drizzle renders `${calendarConnections.id}` in a select list as
 * a bare "id", which inside this subquery would be the link's own id (never true).
 */
export const hasUnlistedPushes = sql<boolean>`exists (select 1 from calendar_event_links l where l.connection_id = calendar_connections.id and not l.listed)`;

/**
 * Events we pushed that no listing has shown yet (`listed` false). A pull that started after one
 * was created must show it if it still exists — Google's incremental sync and Graph's delta both
 * return events created since their cursor — but Graph's delta never reports the deletion of an
 * event it had not shown: one created by us and deleted by a person before our next pull would
 * be missed for good. So once a pull is through: the events it saw are marked listed; the others
 * are asked for by id, and an event confirmed gone cancels its appointment (the link goes with
 * it); one that exists but lies outside the listing's window is marked listed too.
 */
export async function checkUnlistedPushes(
  ctx: CalendarContext,
  connection: ConnectionRow,
  provider: CalendarProvider,
  seen: Set<string>,
  pullStartedAt: Date,
  counts: SyncCounts,
) {
  if (seen.size > 0) {
    // One JSON parameter rather than thousands of bound ids.
    await ctx.db.execute(sql`
      update calendar_event_links set listed = true
      where connection_id = ${connection.id} and not listed
        and external_event_id = any (select jsonb_array_elements_text(${JSON.stringify([...seen])}::jsonb))`);
  }
  const unlisted = await ctx.db
    .select({
      id: calendarEventLinks.id,
      eventId: calendarEventLinks.externalEventId,
      appointmentId: calendarEventLinks.appointmentId,
    })
    .from(calendarEventLinks)
    .where(
      and(
        eq(calendarEventLinks.connectionId, connection.id),
        eq(calendarEventLinks.listed, false),
        lt(calendarEventLinks.createdAt, pullStartedAt),
      ),
    );
  for (const link of unlisted) {
    if (await isGoneUpstream(provider, link.eventId, counts)) {
      await cancelGoneAppointment(ctx, connection, link.appointmentId, counts);
      await ctx.db.delete(calendarEventLinks).where(eq(calendarEventLinks.id, link.id));
    } else {
      await ctx.db.update(calendarEventLinks).set({ listed: true }).where(eq(calendarEventLinks.id, link.id));
    }
  }
}
