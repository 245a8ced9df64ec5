import { and, eq } from 'drizzle-orm';
import { appointments } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { CalendarContext } from '../calendar-context.ts';
import { type DrainResult, drainOutbox } from './drain-outbox.ts';
import { enqueueCalendarPushes } from './enqueue-pushes.ts';

/**
 * Spec 001's `syncAppointmentToCalendars()`: brings every connected calendar of the
 * appointment's practitioner and client in line with it now — created or updated where it
 * belongs, removed where it no longer does. A thin entry onto the transactional outbox: every
 * change made through the appointments write path already queues this by itself; this is for
 * pushing one appointment again on demand (a repair, a calendar connected after booking).
 */
export async function syncAppointmentToCalendars(
  ctx: CalendarContext,
  tenantId: string,
  appointmentId: string,
): Promise<DrainResult> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, appointmentId)));
    if (!row) throw notFound('Appointment');
    // As if it had just been created: every calendar that should carry it is written to.
    await enqueueCalendarPushes(tx, { type: 'system', id: null }, null, row);
  });
  return drainOutbox(ctx, { tenantId });
}
