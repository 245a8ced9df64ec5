import { and, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { enqueueCalendarPushes, pushesForNewSql } from '../../calendar/outbox/enqueue-pushes.ts';
import { insertRowsSql, writeTogether } from '../../db/bulk-insert.ts';
import type { Executor } from '../../db/client.ts';
import { executeRows } from '../../db/execute-rows.ts';
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
 * The audit snapshot of a stored row (`toSnapshot`), built by the database from the row it has
 * just written, so that a bulk insert needs no row back: the same keys (property names), the
 * same values (instants as JSON.stringify writes them: UTC with milliseconds). A test holds it
 * to `toSnapshot` of the same row.
 */
const snapshots = new Map<string, SQL>();
function snapshotSql(alias: string): SQL {
  let snapshot = snapshots.get(alias);
  if (!snapshot) {
    snapshot = buildSnapshotSql(alias);
    snapshots.set(alias, snapshot);
  }
  return snapshot;
}

function buildSnapshotSql(alias: string): SQL {
  const pairs = Object.entries(getTableColumns(appointments))
    .filter(([key]) => key !== 'idempotencyFingerprint')
    .map(([key, column]) => {
      const ref = `${alias}."${column.name}"`;
      const value = column.columnType.startsWith('PgTimestamp')
        ? `to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
        : ref;
      return `'${key}', ${value}`;
    });
  // jsonb_build_object takes at most 100 arguments: 40 pairs an object, joined.
  const objects: string[] = [];
  for (let i = 0; i < pairs.length; i += 40)
    objects.push(`jsonb_build_object(${pairs.slice(i, i + 40).join(', ')})`);
  // One raw piece of text, since it binds no value: the ORM walks every piece of a statement each
  // time it is sent, and a hundred small pieces made up most of the cost of building an import.
  return sql.raw(objects.join(' || '));
}

/**
 * The bulk twin of insertAppointment, for calendar imports: ONE statement inserts the rows, their
 * audit events (`created`, the snapshot built by the database from the stored row) and their
 * outbox rows, together with `alongside` — other writes that must stand or fall with them, such
 * as the import's event links (see `writeTogether`). Nothing comes back but the count: rows do
 * not travel back through the driver and the ORM to be audited. Like every write, all of it or
 * nothing: an overlap (the exclusion constraint) refuses the whole statement.
 * Imports only: it does not look for the practitioner's busy calendar time, which a calendar's
 * own bookings are not held to.
 */
export async function insertAppointments(
  db: Executor,
  actor: Actor,
  values: NewAppointment[],
  alongside: SQL[] = [],
): Promise<number> {
  if (actor.type === 'user' || actor.type === 'assistant')
    throw new Error('insertAppointments is for imports: bookings by people go through insertAppointment');
  if (values.length === 0) {
    await writeTogether(db, alongside);
    return 0;
  }
  const [row] = await executeRows<{ created: number }>(db, insertAppointmentsSql(actor, values, alongside));
  return Number(row?.created ?? 0);
}

/** The statement of `insertAppointments`, answering one row: `created`, the count. */
export function insertAppointmentsSql(actor: Actor, values: NewAppointment[], alongside: SQL[] = []): SQL {
  const writes = [
    sql`inserted as (${insertRowsSql(appointments, values, sql`returning *`)})`,
    sql`audited as (insert into appointment_events (tenant_id, appointment_id, actor_type, actor_id, action, after)
      select a.tenant_id, a.id, ${actor.type}, ${actor.id}, 'created', ${snapshotSql('a')} from inserted a)`,
    sql`pushed as (${pushesForNewSql('inserted', actor)})`,
    ...alongside.map((statement, i) => sql`${sql.raw(`w${i}`)} as (${statement})`),
  ];
  return sql`with ${sql.join(writes, sql`, `)} select count(*)::int as created from inserted`;
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
