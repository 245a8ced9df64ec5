import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  appointmentEvents,
  appointments,
  calendarEventLinks,
  type calendarOutbox,
} from '../../db/schema/index.ts';
import { changeAppointment } from '../../services/appointments/record-change.ts';
import type { CalendarContext } from '../calendar-context.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import { EventGoneError, PreconditionFailedError } from '../errors.ts';
import type { CalendarProvider, ExternalEvent } from '../provider.ts';
import { applyUpstreamEvent } from '../sync/apply-changes.ts';
import { canImportFrom } from '../sync/importing-calendars.ts';
import { carriesWholePractice } from './calendar-carries.ts';
import { calendarStatuses, eventDraftFor } from './event-draft.ts';

type OutboxRow = typeof calendarOutbox.$inferSelect;
type AppointmentRow = typeof appointments.$inferSelect;

async function saveLink(
  db: Database,
  connection: ConnectionRow,
  appointment: AppointmentRow,
  event: ExternalEvent,
) {
  await db
    .insert(calendarEventLinks)
    .values({
      tenantId: connection.tenantId,
      appointmentId: appointment.id,
      connectionId: connection.id,
      externalEventId: event.id,
      etag: event.version,
      remoteUpdatedAt: event.updatedAt,
      lastPushedVersion: appointment.version,
      // Not shown by a listing yet: the next pull checks it is still there (checkUnlistedPushes).
      listed: false,
    })
    .onConflictDoUpdate({
      target: [calendarEventLinks.appointmentId, calendarEventLinks.connectionId],
      set: {
        externalEventId: event.id,
        etag: event.version,
        remoteUpdatedAt: event.updatedAt,
        lastPushedVersion: appointment.version,
        updatedAt: new Date(),
      },
    });
}

async function removeFromCalendar(
  db: Database,
  provider: CalendarProvider,
  connection: ConnectionRow,
  externalEventId: string,
) {
  await provider.deleteEvent(externalEventId);
  await db
    .delete(calendarEventLinks)
    .where(
      and(
        eq(calendarEventLinks.connectionId, connection.id),
        eq(calendarEventLinks.externalEventId, externalEventId),
      ),
    );
}

/**
 * Whether this calendar should carry the appointment now: it is live, and the calendar is one
 * it goes on (calendar-carries.ts: its client's, its practitioner's, the practice's shared
 * one) — or nobody is assigned and the calendar carries it already (a booking imported
 * over another one, unassigned for an admin to place, stays in the calendar it was booked in).
 */
function belongsOn(
  appointment: AppointmentRow | undefined,
  connection: ConnectionRow,
  carriedHere: boolean,
): boolean {
  return (
    !!appointment &&
    calendarStatuses.has(appointment.status) &&
    (carriesWholePractice(connection) ||
      appointment.assignedAdminId === connection.userId ||
      appointment.userId === connection.userId ||
      (appointment.assignedAdminId === null && carriedHere))
  );
}

/** Pushes left to a later attempt when the appointment keeps changing under them. */
const maxRounds = 5;

/**
 * Carries one outbox row to its calendar: makes the calendar agree with the appointment as it
 * is *now*, whatever the row was written for — create or update the event where the appointment
 * belongs, delete it where it no longer does. Afterwards the appointment is read again; if it
 * changed meanwhile (a concurrent drain may have acted on an older state, or a cancellation
 * committed while the create was on the wire), the calendar is brought up to date once more.
 * Creates are idempotent (the provider refuses a second event for the same appointment and
 * connection), updates are conditional on the version we last saw, deletes of an event already
 * gone count as done.
 */
export async function pushAppointment(
  ctx: CalendarContext,
  provider: CalendarProvider,
  connection: ConnectionRow,
  row: OutboxRow,
): Promise<void> {
  for (let round = 0; round < maxRounds; round++) {
    const pushed = await reconcileOnce(ctx, provider, connection, row);
    const [now] = await ctx.db
      .select({ version: appointments.version })
      .from(appointments)
      .where(and(eq(appointments.tenantId, row.tenantId), eq(appointments.id, row.appointmentId)));
    if ((now?.version ?? null) === pushed) return;
  }
  throw new Error('The appointment kept changing while it was pushed; trying again later');
}

/** One reconciliation; answers the appointment version the calendar now reflects (null: none). */
async function reconcileOnce(
  ctx: CalendarContext,
  provider: CalendarProvider,
  connection: ConnectionRow,
  row: OutboxRow,
): Promise<number | null> {
  const db = ctx.db;
  const [appointment] = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.tenantId, row.tenantId), eq(appointments.id, row.appointmentId)));
  const [link] = await db
    .select()
    .from(calendarEventLinks)
    .where(
      and(
        eq(calendarEventLinks.appointmentId, row.appointmentId),
        eq(calendarEventLinks.connectionId, connection.id),
      ),
    );
  const externalEventId = link?.externalEventId ?? row.externalEventId;

  if (!belongsOn(appointment, connection, !!link)) {
    if (externalEventId) await removeFromCalendar(db, provider, connection, externalEventId);
    return appointment?.version ?? null;
  }
  const current = appointment!;
  const draft = eventDraftFor(current);
  if (!link) {
    const created = await provider.insertEvent(draft, `rendezvous:${current.id}:${connection.id}`);
    await saveLink(db, connection, current, created);
    return current.version;
  }
  try {
    const updated = await provider.updateEvent(link.externalEventId, draft, link.etag ?? undefined);
    await saveLink(db, connection, current, updated);
  } catch (error) {
    if (error instanceof PreconditionFailedError)
      return resolveConflict(ctx, provider, connection, current, link.externalEventId);
    if (error instanceof EventGoneError)
      return deletedUpstream(db, connection, current, link.externalEventId);
    throw error;
  }
  return current.version;
}

/**
 * Both sides changed since the last sync (the calendar refused our If-Match). The documented
 * rule: the later change wins — though never one made in a calendar the practice does not
 * import from (a client's: importing-calendars.ts), which the appointment is written over. The
 * losing version is kept in the audit trail either way. Answers as `reconcileOnce`.
 */
async function resolveConflict(
  ctx: CalendarContext,
  provider: CalendarProvider,
  connection: ConnectionRow,
  appointment: AppointmentRow,
  externalEventId: string,
): Promise<number | null> {
  const upstream = await provider.getEvent(externalEventId);
  if (upstream.isCancelled) return deletedUpstream(ctx.db, connection, appointment, externalEventId);
  const isUpstreamLater = !!upstream.updatedAt && upstream.updatedAt > appointment.updatedAt;
  if (isUpstreamLater && (await canImportFrom(ctx.db, connection))) {
    await applyUpstreamEvent(ctx.db, connection, appointment.id, upstream);
    return appointment.version;
  }
  const overwritten = await provider.updateEvent(externalEventId, eventDraftFor(appointment));
  await ctx.db.insert(appointmentEvents).values({
    tenantId: appointment.tenantId,
    appointmentId: appointment.id,
    actorType: 'system',
    actorId: connection.id,
    action: 'sync_conflict_local_won',
    before: {
      summary: upstream.summary,
      start: upstream.start,
      end: upstream.end,
      description: upstream.description,
      location: upstream.location,
      updatedAt: upstream.updatedAt,
    },
    after: null,
  });
  await saveLink(ctx.db, connection, appointment, overwritten);
  return appointment.version;
}

/**
 * The event was deleted in the calendar while we had a change for it: the deletion stands, and
 * the appointment is cancelled. In a calendar the practice does not import from (a client's:
 * importing-calendars.ts) the appointment stands instead: its link is forgotten, and the answer
 * (null: the calendar carries no version of it) makes `pushAppointment` create the event again.
 */
async function deletedUpstream(
  db: Database,
  connection: ConnectionRow,
  appointment: AppointmentRow,
  externalEventId: string,
): Promise<number | null> {
  const deletionStands = await canImportFrom(db, connection);
  await db.transaction(async (tx) => {
    if (deletionStands) {
      await changeAppointment(
        tx,
        appointment.tenantId,
        appointment.id,
        { type: 'calendar', id: connection.id },
        (before) =>
          before.status === 'pending' || before.status === 'confirmed'
            ? { action: 'cancelled', patch: { status: 'cancelled', syncedAt: new Date() } }
            : null,
      );
    }
    await tx
      .delete(calendarEventLinks)
      .where(
        and(
          eq(calendarEventLinks.connectionId, connection.id),
          eq(calendarEventLinks.externalEventId, externalEventId),
        ),
      );
  });
  return deletionStands ? appointment.version : null;
}
