import { and, eq, gte, inArray, notExists, or, sql } from 'drizzle-orm';
import {
  appointments,
  calendarConnections,
  calendarEventLinks,
  calendarOutbox,
} from '../../db/schema/index.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { drainOutbox } from '../outbox/drain-outbox.ts';

/**
 * POST /api/calendar/sync-to-calendar (spec 002): every upcoming pending or confirmed
 * appointment of the practice that a connected calendar of its client or practitioner does
 * not carry yet is queued for that calendar, then the outbox is drained. Idempotent: a second
 * call finds nothing missing, and pushes are idempotent anyway.
 */
export async function syncToCalendar(ctx: CalendarContext, tenantId: string) {
  const connections = await ctx.db
    .select({ id: calendarConnections.id, userId: calendarConnections.userId })
    .from(calendarConnections)
    .where(and(eq(calendarConnections.tenantId, tenantId), eq(calendarConnections.status, 'active')));
  let queued = 0;
  for (const connection of connections) {
    const missing = await ctx.db
      .select({ id: appointments.id })
      .from(appointments)
      .where(
        and(
          eq(appointments.tenantId, tenantId),
          inArray(appointments.status, ['pending', 'confirmed']),
          gte(appointments.endTime, new Date()),
          or(eq(appointments.assignedAdminId, connection.userId), eq(appointments.userId, connection.userId)),
          notExists(
            ctx.db
              .select({ one: sql`1` })
              .from(calendarEventLinks)
              .where(
                and(
                  eq(calendarEventLinks.appointmentId, appointments.id),
                  eq(calendarEventLinks.connectionId, connection.id),
                ),
              ),
          ),
          notExists(
            ctx.db
              .select({ one: sql`1` })
              .from(calendarOutbox)
              .where(
                and(
                  eq(calendarOutbox.appointmentId, appointments.id),
                  eq(calendarOutbox.connectionId, connection.id),
                  inArray(calendarOutbox.status, ['pending', 'parked']),
                ),
              ),
          ),
        ),
      );
    if (missing.length === 0) continue;
    await ctx.db.insert(calendarOutbox).values(
      missing.map((m) => ({
        tenantId,
        connectionId: connection.id,
        appointmentId: m.id,
        operation: 'upsert' as const,
      })),
    );
    queued += missing.length;
  }
  const drained = await drainOutbox(ctx, { tenantId });
  return { queued, pushed: drained.done, retrying: drained.retried, failed: drained.failed };
}
