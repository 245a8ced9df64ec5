import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk-insert.ts';
import type { Database, Executor } from '../../db/client.ts';
import {
  appointmentEvents,
  appointments,
  assistants,
  calendarBusyBlocks,
  calendarEventLinks,
  calendarOutbox,
  members,
  users,
} from '../../db/schema/index.ts';
import { findPgError, pgErrorCodes } from '../../server/http-errors.ts';
import { isUuid } from '../../services/appointments/find-visible-appointment.ts';
import {
  type Actor,
  changeAppointment,
  insertAppointment,
  insertAppointments,
  type NewAppointment,
} from '../../services/appointments/record-change.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import type { ExternalEvent } from '../provider.ts';
import { bookingFieldsFrom, isAssistantBooking, metadataKeys } from './assistant-booking.ts';
import { emptyCounts, type SyncCounts } from './sync-runs.ts';

type AppointmentRow = typeof appointments.$inferSelect;

interface LinkInfo {
  appointmentId: string;
  etag: string | null;
}

/** What the import needs to know about the tenant, read once per run instead of once per event. */
interface TenantLookups {
  links: Map<string, LinkInfo>;
  clientIdByEmail: Map<string, string>;
  assistantIds: Set<string>;
}

async function loadLookups(db: Database, connection: ConnectionRow): Promise<TenantLookups> {
  const [linkRows, clientRows, assistantRows] = await Promise.all([
    db
      .select({
        externalEventId: calendarEventLinks.externalEventId,
        appointmentId: calendarEventLinks.appointmentId,
        etag: calendarEventLinks.etag,
      })
      .from(calendarEventLinks)
      .where(eq(calendarEventLinks.connectionId, connection.id)),
    db
      .select({ id: users.id, email: users.email })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.organizationId, connection.tenantId), eq(members.role, 'client'))),
    db.select({ id: assistants.id }).from(assistants).where(eq(assistants.tenantId, connection.tenantId)),
  ]);
  return {
    links: new Map(
      linkRows.map((l) => [l.externalEventId, { appointmentId: l.appointmentId, etag: l.etag }]),
    ),
    clientIdByEmail: new Map(clientRows.map((c) => [c.email.toLowerCase(), c.id])),
    assistantIds: new Set(assistantRows.map((a) => a.id)),
  };
}

const isOverlap = (error: unknown) => findPgError(error)?.code === pgErrorCodes.exclusionViolation;

/**
 * Applies upstream changes for one connection, page by page, with what it needs about the
 * tenant read once per run:
 * - assistant-booked events become appointments (created or updated by event id, through the
 *   appointments write path, so the audit trail records the calendar as the actor);
 * - a cancelled event cancels its appointment, whose row stays;
 * - any other timed, busy event is kept as busy time for availability.
 * An event whose etag we already hold is skipped: replays and our own echoes write nothing.
 * A booking that overlaps another one of the same practitioner is still imported — losing it
 * would be worse — but unassigned, and counted as a conflict for an admin to resolve.
 */
export async function createChangeApplier(db: Database, connection: ConnectionRow, counts: SyncCounts) {
  // Read when the first change arrives: most incremental pulls bring none, and then cost nothing here.
  let loaded: TenantLookups | undefined;
  const actor: Actor = { type: 'calendar', id: connection.id };
  /** Every event id the run saw, for reconciling after a full read. */
  const seen = new Set<string>();

  async function applyPage(events: ExternalEvent[]) {
    if (events.length === 0) return;
    loaded ??= await loadLookups(db, connection);
    const lookups = loaded;
    const busyUpserts = new Map<string, { start: Date; end: Date }>();
    const busyDeletes = new Set<string>();
    const newBookings: ExternalEvent[] = [];
    const unlinkedOurs: ExternalEvent[] = [];
    for (const event of events) {
      seen.add(event.id);
      const link = lookups.links.get(event.id);
      if (link && event.version && link.etag === event.version) {
        counts.unchanged += 1;
        continue;
      }
      if (event.isCancelled) {
        busyDeletes.add(event.id);
        if (link) await cancelLinked(db, connection, link, event, actor, counts);
        continue;
      }
      const timed = !!event.start && !!event.end && event.end > event.start;
      if (link) {
        if (timed) await updateLinked(db, connection, link, event, actor, counts);
        continue;
      }
      // Before the assistant check: an event we pushed for an assistant booking carries its metadata too.
      if (event.metadata[metadataKeys.appointmentId]) {
        unlinkedOurs.push(event);
        continue;
      }
      if (isAssistantBooking(event)) {
        if (timed) newBookings.push(event);
        continue;
      }
      if (event.isFree || !timed) busyDeletes.add(event.id);
      else busyUpserts.set(event.id, { start: event.start!, end: event.end! });
    }
    for (const event of await adoptOurEvents(db, connection, lookups, unlinkedOurs)) {
      // Not an appointment of this practice (another practice's booking in a shared calendar): busy time.
      if (event.isFree) busyDeletes.add(event.id);
      else busyUpserts.set(event.id, { start: event.start!, end: event.end! });
    }
    await createBookings(db, connection, lookups, newBookings, actor, counts);
    await writeBusyBlocks(db, connection, busyUpserts, busyDeletes);
    counts.busy += busyUpserts.size;
  }

  return { applyPage, seen };
}

/**
 * Events we pushed that this connection has no link for: the calendar was connected again after
 * a disconnect (or another account was connected, then this one back), and the events we wrote
 * then are still there. Each is linked again to its appointment — never copied into a new
 * appointment, never pushed a second time — and a push is queued to bring it up to date (or to
 * remove it, if its appointment is no longer for this calendar). An appointment that already has
 * an event here makes this one a stray copy, left as it is. Answers the events that are not
 * appointments of this practice.
 */
async function adoptOurEvents(
  db: Database,
  connection: ConnectionRow,
  lookups: TenantLookups,
  events: ExternalEvent[],
): Promise<ExternalEvent[]> {
  const timed = events.filter((e) => !!e.start && !!e.end && e.end > e.start);
  const claimed = [
    ...new Set(timed.map((e) => e.metadata[metadataKeys.appointmentId]!).filter((id) => isUuid(id))),
  ];
  if (claimed.length === 0) return timed;
  const rows = await db
    .select({ id: appointments.id, linked: calendarEventLinks.externalEventId })
    .from(appointments)
    .leftJoin(
      calendarEventLinks,
      and(
        eq(calendarEventLinks.appointmentId, appointments.id),
        eq(calendarEventLinks.connectionId, connection.id),
      ),
    )
    .where(and(eq(appointments.tenantId, connection.tenantId), inArray(appointments.id, claimed)));
  const ours = new Map(rows.map((r) => [r.id, r.linked]));
  const adopted = new Map<string, ExternalEvent>();
  for (const event of timed) {
    const appointmentId = event.metadata[metadataKeys.appointmentId]!;
    if (ours.get(appointmentId) === null && !adopted.has(appointmentId)) adopted.set(appointmentId, event);
  }
  if (adopted.size > 0) {
    await db.transaction(async (tx) => {
      await bulkInsert(
        tx,
        calendarEventLinks,
        [...adopted].map(([appointmentId, event]) => ({
          tenantId: connection.tenantId,
          appointmentId,
          connectionId: connection.id,
          externalEventId: event.id,
          etag: event.version,
          remoteUpdatedAt: event.updatedAt,
        })),
        // A push saving its own link meanwhile has the same effect.
        { onConflictDoNothing: true },
      );
      await bulkInsert(
        tx,
        calendarOutbox,
        [...adopted.keys()].map((appointmentId) => ({
          tenantId: connection.tenantId,
          connectionId: connection.id,
          appointmentId,
          operation: 'upsert' as const,
        })),
      );
    });
    for (const [appointmentId, event] of adopted)
      lookups.links.set(event.id, { appointmentId, etag: event.version });
  }
  return timed.filter((e) => !ours.has(e.metadata[metadataKeys.appointmentId]!));
}

async function saveLink(
  db: Database,
  connection: ConnectionRow,
  appointmentId: string,
  event: ExternalEvent,
) {
  await db
    .insert(calendarEventLinks)
    .values({
      tenantId: connection.tenantId,
      appointmentId,
      connectionId: connection.id,
      externalEventId: event.id,
      etag: event.version,
      remoteUpdatedAt: event.updatedAt,
    })
    .onConflictDoUpdate({
      target: [calendarEventLinks.connectionId, calendarEventLinks.externalEventId],
      set: { etag: event.version, remoteUpdatedAt: event.updatedAt, updatedAt: new Date() },
    });
}

function bookingValues(
  connection: ConnectionRow,
  lookups: TenantLookups,
  event: ExternalEvent,
): NewAppointment {
  const fields = bookingFieldsFrom(event);
  const assistantId = event.metadata[metadataKeys.assistantId];
  return {
    ...fields,
    // Chosen here so that rows returned by a bulk insert are matched to their events by id.
    id: randomUUID(),
    tenantId: connection.tenantId,
    userId: fields.attendeeEmail ? (lookups.clientIdByEmail.get(fields.attendeeEmail) ?? null) : null,
    assignedAdminId: connection.userId,
    assistantId: assistantId && lookups.assistantIds.has(assistantId) ? assistantId : null,
    source: 'assistant',
    status: 'confirmed',
    timezone: event.timeZone ?? 'UTC',
    syncedAt: new Date(),
  };
}

/**
 * New bookings of a page, written together: one insert of the appointments, one of their audit
 * events, one of their links, in one transaction. If any of them overlaps another booking the
 * database refuses the whole batch, and each booking is then written on its own.
 */
async function createBookings(
  db: Database,
  connection: ConnectionRow,
  lookups: TenantLookups,
  events: ExternalEvent[],
  actor: Actor,
  counts: SyncCounts,
) {
  for (let i = 0; i < events.length; i += 1000) {
    const chunk = events.slice(i, i + 1000);
    const values = chunk.map((event) => bookingValues(connection, lookups, event));
    try {
      const rows = await db.transaction(async (tx) => {
        const created = await insertAppointments(tx, actor, values);
        await bulkInsert(
          tx,
          calendarEventLinks,
          chunk.map((event, index) => ({
            tenantId: connection.tenantId,
            appointmentId: values[index]!.id!,
            connectionId: connection.id,
            externalEventId: event.id,
            etag: event.version,
            remoteUpdatedAt: event.updatedAt,
          })),
        );
        return created;
      });
      for (const [index, event] of chunk.entries()) {
        lookups.links.set(event.id, { appointmentId: values[index]!.id!, etag: event.version });
      }
      counts.created += rows.length;
    } catch (error) {
      if (!isOverlap(error)) throw error;
      for (const [index, event] of chunk.entries()) {
        await createOne(db, connection, lookups, event, values[index]!, actor, counts);
      }
    }
  }
}

async function createOne(
  db: Database,
  connection: ConnectionRow,
  lookups: TenantLookups,
  event: ExternalEvent,
  values: NewAppointment,
  actor: Actor,
  counts: SyncCounts,
) {
  const create = (assignee: string | null) =>
    db.transaction(async (tx) => {
      const row = await insertAppointment(tx, actor, { ...values, assignedAdminId: assignee });
      await saveLink(tx as unknown as Database, connection, row.id, event);
      return row;
    });
  let row: Awaited<ReturnType<typeof create>>;
  try {
    row = await create(connection.userId);
  } catch (error) {
    if (!isOverlap(error)) throw error;
    row = await create(null);
    counts.conflicts += 1;
  }
  lookups.links.set(event.id, { appointmentId: row.id, etag: event.version });
  counts.created += 1;
}

/** Empty and absent text are the same: a field we push empty comes back as ''. */
const text = (value: string | null | undefined) => (value?.trim() ? value : null);

/**
 * Whether what is stored about this event already covers this version of it: our own write
 * coming back (same etag/changeKey), or an older version than one already applied (a replayed
 * page; a pull that read the event before a push or another pull wrote a newer one). Read in
 * the transaction that would apply it, not from the run's lookups, which predate the read.
 */
async function alreadyApplied(tx: Executor, connection: ConnectionRow, event: ExternalEvent) {
  const [stored] = await tx
    .select({ etag: calendarEventLinks.etag, remoteUpdatedAt: calendarEventLinks.remoteUpdatedAt })
    .from(calendarEventLinks)
    .where(
      and(
        eq(calendarEventLinks.connectionId, connection.id),
        eq(calendarEventLinks.externalEventId, event.id),
      ),
    );
  if (!stored) return false;
  if (event.version && stored.etag === event.version) return true;
  return !!(event.updatedAt && stored.remoteUpdatedAt && event.updatedAt < stored.remoteUpdatedAt);
}

/** Fields an upstream edit may change, given what the event carries. */
function upstreamPatch(before: AppointmentRow, event: ExternalEvent): Record<string, unknown> {
  const fields = bookingFieldsFrom(event);
  const patch: Record<string, unknown> = {};
  if (before.startTime.getTime() !== fields.startTime.getTime()) patch.startTime = fields.startTime;
  if (before.endTime.getTime() !== fields.endTime.getTime()) patch.endTime = fields.endTime;
  if (event.summary && event.summary.trim() !== before.title) patch.title = event.summary.trim();
  if (text(event.description) !== text(before.description)) patch.description = text(event.description);
  if (text(event.location) !== text(before.location)) patch.location = text(event.location);
  // Attendee metadata only where the event carries it: an event without our properties says nothing about them.
  const carried = [
    ['attendeeEmail', metadataKeys.email],
    ['attendeePhone', metadataKeys.phone],
    ['service', metadataKeys.service],
    ['patientType', metadataKeys.patientType],
  ] as const;
  for (const [key, property] of carried) {
    if (event.metadata[property] !== undefined && (fields[key] ?? null) !== (before[key] ?? null))
      patch[key] = fields[key];
  }
  return patch;
}

/**
 * An upstream edit of a linked event. If we also changed the appointment since the last sync
 * (a push to this calendar is still pending), both sides changed: the later change wins, and
 * the losing upstream version is kept in the audit trail.
 */
async function updateLinked(
  db: Database,
  connection: ConnectionRow,
  link: LinkInfo,
  event: ExternalEvent,
  actor: Actor,
  counts: SyncCounts,
) {
  let changed = false;
  let stale = false;
  const apply = (unassign: boolean) =>
    db.transaction(async (tx) => {
      if (await alreadyApplied(tx, connection, event)) {
        stale = true;
        return;
      }
      await changeAppointment(tx, connection.tenantId, link.appointmentId, actor, async (before) => {
        if (await localChangeWins(tx, connection, before, event)) return null;
        const patch = upstreamPatch(before, event);
        if (unassign) patch.assignedAdminId = null;
        if (Object.keys(patch).length === 0) return null;
        changed = true;
        return { action: 'updated', patch: { ...patch, syncedAt: new Date() } };
      });
      await saveLink(tx as unknown as Database, connection, link.appointmentId, event);
    });
  try {
    await apply(false);
  } catch (error) {
    if (!isOverlap(error)) throw error;
    await apply(true);
    counts.conflicts += 1;
  }
  if (!stale) link.etag = event.version;
  if (changed) counts.updated += 1;
  else counts.unchanged += 1;
}

async function localChangeWins(
  tx: Executor,
  connection: ConnectionRow,
  before: AppointmentRow,
  event: ExternalEvent,
) {
  const [pending] = await tx
    .select({ id: calendarOutbox.id })
    .from(calendarOutbox)
    .where(
      and(
        eq(calendarOutbox.appointmentId, before.id),
        eq(calendarOutbox.connectionId, connection.id),
        inArray(calendarOutbox.status, ['pending', 'parked']),
      ),
    )
    .limit(1);
  if (!pending || !event.updatedAt || event.updatedAt > before.updatedAt) return false;
  await tx.insert(appointmentEvents).values({
    tenantId: before.tenantId,
    appointmentId: before.id,
    actorType: 'system',
    actorId: connection.id,
    action: 'sync_conflict_local_won',
    before: {
      summary: event.summary,
      start: event.start,
      end: event.end,
      description: event.description,
      location: event.location,
      updatedAt: event.updatedAt,
    },
    after: null,
  });
  return true;
}

/** Applies one upstream version of a linked event to its appointment (used when a push meets a newer upstream edit). */
export async function applyUpstreamEvent(
  db: Database,
  connection: ConnectionRow,
  appointmentId: string,
  event: ExternalEvent,
) {
  const link: LinkInfo = { appointmentId, etag: null };
  await updateLinked(db, connection, link, event, { type: 'calendar', id: connection.id }, emptyCounts());
}

async function cancelLinked(
  db: Database,
  connection: ConnectionRow,
  link: LinkInfo,
  event: ExternalEvent,
  actor: Actor,
  counts: SyncCounts,
) {
  let cancelled = false;
  await db.transaction(async (tx) => {
    await changeAppointment(tx, connection.tenantId, link.appointmentId, actor, (before) => {
      // Cancelled upstream: keep the row (the client may still owe, the history matters).
      if (before.status !== 'pending' && before.status !== 'confirmed') return null;
      cancelled = true;
      return { action: 'cancelled', patch: { status: 'cancelled', syncedAt: new Date() } };
    });
    await saveLink(tx as unknown as Database, connection, link.appointmentId, event);
  });
  link.etag = event.version;
  if (cancelled) counts.cancelled += 1;
  else counts.unchanged += 1;
}

async function writeBusyBlocks(
  db: Database,
  connection: ConnectionRow,
  upserts: Map<string, { start: Date; end: Date }>,
  deletes: Set<string>,
) {
  if (upserts.size > 0) {
    // One statement and one parameter for the whole page: far cheaper than thousands of bound values.
    const rows = JSON.stringify(
      [...upserts].map(([id, t]) => ({ id, s: t.start.toISOString(), e: t.end.toISOString() })),
    );
    await db.execute(sql`
      insert into calendar_busy_blocks (tenant_id, connection_id, user_id, external_event_id, start_time, end_time)
      select ${connection.tenantId}, ${connection.id}, ${connection.userId}, r.id, r.s, r.e
      from jsonb_to_recordset(${rows}::jsonb) as r(id text, s timestamptz, e timestamptz)
      on conflict (connection_id, external_event_id)
      do update set start_time = excluded.start_time, end_time = excluded.end_time`);
  }
  const ids = [...deletes];
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .delete(calendarBusyBlocks)
      .where(
        and(
          eq(calendarBusyBlocks.connectionId, connection.id),
          inArray(calendarBusyBlocks.externalEventId, ids.slice(i, i + 500)),
        ),
      );
  }
}

/** Appointments linked to this connection, for reconciling after a full re-read. */
export async function linkedAppointmentIds(db: Database, connectionId: string) {
  return db
    .select({
      externalEventId: calendarEventLinks.externalEventId,
      appointmentId: calendarEventLinks.appointmentId,
      status: appointments.status,
    })
    .from(calendarEventLinks)
    .innerJoin(appointments, eq(appointments.id, calendarEventLinks.appointmentId))
    .where(eq(calendarEventLinks.connectionId, connectionId));
}
