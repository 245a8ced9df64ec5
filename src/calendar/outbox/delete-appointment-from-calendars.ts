import { and, eq } from 'drizzle-orm';
import { appointments, calendarEventLinks, calendarOutbox } from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { type DrainResult, drainOutbox } from './drain-outbox.ts';

/**
 * Spec 001's `deleteAppointmentFromCalendars()`: removes the appointment's events from the
 * calendars that carry one, now. A thin entry onto the outbox: cancelling or deleting an
 * appointment through the write path already does this. The calendars mirror the appointment,
 * so an appointment that is still live keeps its events where it belongs (its practitioner's
 * and client's calendars); from any other calendar they are removed.
 */
export async function deleteAppointmentFromCalendars(
  ctx: CalendarContext,
  tenantId: string,
  appointmentId: string,
): Promise<DrainResult> {
  const links = await ctx.db
    .select({ connectionId: calendarEventLinks.connectionId, eventId: calendarEventLinks.externalEventId })
    .from(calendarEventLinks)
    .innerJoin(appointments, eq(appointments.id, calendarEventLinks.appointmentId))
    .where(and(eq(appointments.tenantId, tenantId), eq(calendarEventLinks.appointmentId, appointmentId)));
  if (links.length > 0) {
    await ctx.db.insert(calendarOutbox).values(
      links.map((link) => ({
        tenantId,
        connectionId: link.connectionId,
        appointmentId,
        operation: 'delete' as const,
        externalEventId: link.eventId,
      })),
    );
  }
  return drainOutbox(ctx, { tenantId });
}
