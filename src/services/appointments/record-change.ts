import { and, eq } from 'drizzle-orm';
import { enqueueCalendarPushes, enqueueCalendarPushesForNew } from '../../calendar/outbox/enqueue-pushes.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import type { Executor } from '../../db/client.ts';
import { appointmentEvents, appointments } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import { assertCalendarFree } from '../availability/assert-calendar-free.ts';
import { type AppointmentRow, toSnapshot } from './appointment-dto.ts';

/** Who made a change, as the audit trail records it. */
export interface Actor {
  type: 'user' | 'assistant' | 'calendar' | 'system';
  id: string | null;
}

export type ChangeAction =
  | 'created'
  | 'updated'
  | 'confirmed'
  | 'cancelled'
  | 'completed'
  | 'no_show'
  | 'reassigned'
  | 'deleted';

/** What a change decides: its action for the audit trail and the columns to write; null = no-op. */
export type Decision = { action: ChangeAction; patch: AppointmentPatch } | null;
export type NewAppointment = typeof appointments.$inferInsert;
export type AppointmentPatch = Partial<Omit<NewAppointment, 'id' | 'tenantId' | 'createdAt' | 'version'>>;

/**
 * THE write path of appointments. Every create, update, status change and delete goes through
 * one of the functions below, each in one transaction that also calls `recordChange`.
 * `recordChange` is the single seam for "an appointment changed": the audit event and the
 * calendar outbox rows (what connected calendars must now do) are written there, in the same
 * transaction, so a change and its pushes commit or roll back together.
 */
async function recordChange(
  tx: Executor,
  tenantId: string,
  actor: Actor,
  action: ChangeAction,
  before: AppointmentRow | null,
  after: AppointmentRow | null,
): Promise<void> {
  // Bookings made in Rendezvous stay out of the practitioner's busy calendar time.
  if (after && (actor.type === 'user' || actor.type === 'assistant'))
    await assertCalendarFree(tx, before, after);
  await tx.insert(appointmentEvents).values({
    tenantId,
    appointmentId: (after ?? before)!.id,
    actorType: actor.type,
    actorId: actor.id,
    action,
    before: before ? toSnapshot(before) : null,
    after: after ? toSnapshot(after) : null,
  });
  await enqueueCalendarPushes(tx, actor, before, after);
}

export async function insertAppointment(
  db: Executor,
  actor: Actor,
  values: NewAppointment,
): Promise<AppointmentRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(appointments).values(values).returning();
    await recordChange(tx, values.tenantId, actor, 'created', null, row);
    return row;
  });
}

/**
 * The bulk twin of insertAppointment, for imports: one insert of the rows and one of their
 * audit events, in the caller's transaction. Rows come back in the order given.
 */
export async function insertAppointments(
  tx: Executor,
  actor: Actor,
  values: NewAppointment[],
): Promise<AppointmentRow[]> {
  if (values.length === 0) return [];
  const rows = await bulkInsert(tx, appointments, values);
  await bulkInsert(
    tx,
    appointmentEvents,
    rows.map((row) => ({
      tenantId: row.tenantId,
      appointmentId: row.id,
      actorType: actor.type,
      actorId: actor.id,
      action: 'created',
      before: null,
      after: toSnapshot(row),
    })),
  );
  await enqueueCalendarPushesForNew(tx, actor, rows);
  return rows;
}

/**
 * Reads the appointment under a row lock, lets `decide` check the rules against it and return
 * the patch (or throw), then writes the patch with a new version. `decide` answering null
 * means nothing to change: no write, no event. `decide` reads through `tx` only (PGlite has one
 * connection: a query on the outer handle inside the transaction would wait forever).
 */
export async function changeAppointment(
  db: Executor,
  tenantId: string,
  id: string,
  actor: Actor,
  decide: (before: AppointmentRow, tx: Executor) => Promise<Decision> | Decision,
): Promise<AppointmentRow> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)))
      .for('update');
    if (!before) throw notFound('Appointment');
    const decision = await decide(before, tx);
    if (!decision) return before;
    const [after] = await tx
      .update(appointments)
      .set({ ...decision.patch, updatedAt: new Date(), version: before.version + 1 })
      .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)))
      .returning();
    await recordChange(tx, tenantId, actor, decision.action, before, after);
    return after;
  });
}

/** Deletes after `check` approves; the history survives the row (no foreign key on events). */
export async function removeAppointment(
  db: Executor,
  tenantId: string,
  id: string,
  actor: Actor,
  check: (before: AppointmentRow) => void,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(appointments)
      .where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)))
      .for('update');
    if (!before) throw notFound('Appointment');
    check(before);
    // Recorded first: the outbox reads the event links, which the delete cascades away.
    await recordChange(tx, tenantId, actor, 'deleted', before, null);
    await tx.delete(appointments).where(and(eq(appointments.tenantId, tenantId), eq(appointments.id, id)));
  });
}
