import { randomUUID } from 'node:crypto';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { insertRowsSql, writeTogether } from '../../db/bulk-insert.ts';
import { type Database, type Executor, runsSideBySide } from '../../db/client.ts';
import { executeRows } from '../../db/execute-rows.ts';
import { fromJson } from '../../db/from-json.ts';
import {
  appointmentEvents,
  type appointments,
  calendarEventLinks,
  calendarOutbox,
} from '../../db/schema/index.ts';
import { findPgError, pgErrorCodes } from '../../server/http-errors.ts';
import {
  type Actor,
  changeAppointment,
  insertAppointment,
  insertAppointments,
  type NewAppointment,
} from '../../services/appointments/record-change.ts';
import { practiceClientsSql } from '../../services/tenancy/practice-clients.ts';
import { busyTimeHolder } from '../connections/busy-time-holder.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import { upcomingForCalendarSql } from '../outbox/queue-missing-pushes.ts';
import type { ExternalEvent } from '../provider.ts';
import { adoptOurEvents } from './adopt-our-events.ts';
import { bookingFieldsFrom, isAssistantBooking, metadataKeys } from './assistant-booking.ts';
import { linkValues } from './event-link.ts';
import { canImportFromSql } from './importing-calendars.ts';
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
  /** Whether this calendar is a practitioner's, whose events the practice imports (importing-calendars.ts). */
  canImport: boolean;
  /** What the connection held before this run wrote anything (see `StoredBefore`). */
  before: StoredBefore;
}

/**
 * What a connection held when the run's lookups were read — under the run's lock, before the
 * run wrote anything: whether it had links, busy time, and (asked on full reads only) upcoming
 * appointments of its owner, which its calendar may lack. A calendar read in full for the first
 * time often has none of them, and the work after its read that looks for them can be skipped
 * (sync-connection.ts).
 */
export interface StoredBefore {
  links: boolean;
  busy: boolean;
  upcoming: boolean;
}

/** The lookups in one statement, each aggregated to one JSON value: one round trip. */
async function loadLookups(
  db: Database,
  connection: ConnectionRow,
  fullRead: boolean,
): Promise<TenantLookups> {
  const [row] = await executeRows<Record<string, unknown>>(
    db,
    sql`
    select
      (select coalesce(jsonb_agg(jsonb_build_array(l.external_event_id, l.appointment_id, l.etag)), '[]')
         from calendar_event_links l where l.connection_id = ${connection.id}) as links,
      (select coalesce(jsonb_agg(jsonb_build_array(c.email, c.user_id)), '[]')
         from (${practiceClientsSql(connection.tenantId)}) c) as clients,
      (select coalesce(jsonb_agg(a.id), '[]') from assistants a where a.tenant_id = ${connection.tenantId}) as assistants,
      ${canImportFromSql(connection)} as can_import,
      exists (select 1 from calendar_busy_blocks b where b.connection_id = ${connection.id}) as busy,
      ${fullRead ? sql`exists (select 1 from appointments a where ${upcomingForCalendarSql(connection, new Date())})` : sql`true`} as upcoming`,
  );
  if (!row) throw new Error('sync lookups: no row');
  const links = fromJson<[string, string, string | null][]>(row.links);
  return {
    links: new Map(links.map(([eventId, appointmentId, etag]) => [eventId, { appointmentId, etag }])),
    clientIdByEmail: new Map(fromJson<[string, string][]>(row.clients)),
    assistantIds: new Set(fromJson<string[]>(row.assistants)),
    canImport: row.can_import === true,
    before: { links: links.length > 0, busy: row.busy === true, upcoming: row.upcoming === true },
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
 * A calendar the practice does not import from (a client's: importing-calendars.ts) is read
 * for our own events only (`applyCopyPage`).
 */
export async function createChangeApplier(
  db: Database,
  connection: ConnectionRow,
  counts: SyncCounts,
  options: { fullRead?: boolean } = {},
) {
  // Read when the first change arrives: most incremental pulls bring none, and then cost nothing
  // here. A full read brings events, so its lookups are read at once, while the first page is
  // on its way rather than after it.
  let loaded: TenantLookups | undefined;
  let loading: Promise<TenantLookups> | undefined;
  const load = () => {
    loading ??= loadLookups(db, connection, options.fullRead ?? false).then((lookups) => {
      loaded = lookups;
      return lookups;
    });
    return loading;
  };
  // A read that fails before its first page must not leave this as an unhandled rejection.
  if (options.fullRead) load().catch(() => undefined);
  const actor: Actor = { type: 'calendar', id: connection.id };
  /** Every event id the run saw, for reconciling after a full read. */
  const seen = new Set<string>();
  let busyCleared = false;

  /**
   * A page of a calendar the practice does not import from. Our own events written there before
   * a reconnection are linked again (`adoptOurEvents`: nothing copied twice, no appointment
   * changed); nothing else is applied — no booking, no move, no cancellation, no busy time. Busy
   * time kept from this calendar before (its owner was staff then, or it predates this rule)
   * goes, once.
   */
  async function applyCopyPage(events: ExternalEvent[], lookups: TenantLookups) {
    const ours: ExternalEvent[] = [];
    for (const event of events) {
      seen.add(event.id);
      const isOurs = !!event.metadata[metadataKeys.appointmentId];
      if (isOurs && !event.isCancelled && !lookups.links.has(event.id)) ours.push(event);
    }
    await adoptOurEvents(db, connection, lookups.links, ours);
    if (lookups.before.busy && !busyCleared) {
      busyCleared = true;
      await db.execute(sql`delete from calendar_busy_blocks where connection_id = ${connection.id}`);
    }
  }

  async function applyPage(events: ExternalEvent[]) {
    if (events.length === 0) return;
    const lookups = await load();
    if (!lookups.canImport) return applyCopyPage(events, lookups);
    const busyUpserts = new Map<string, { start: Date; end: Date }>();
    const busyDeletes = new Set<string>();
    // An event listed twice in a page counts as its last version, as if applied one after the other.
    const dropBusy = (id: string) => {
      busyUpserts.delete(id);
      busyDeletes.add(id);
    };
    const keepBusy = (id: string, start: Date, end: Date) => {
      busyDeletes.delete(id);
      busyUpserts.set(id, { start, end });
    };
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
        dropBusy(event.id);
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
      if (event.isFree || !timed) dropBusy(event.id);
      else keepBusy(event.id, event.start!, event.end!);
    }
    for (const event of await adoptOurEvents(db, connection, lookups.links, unlinkedOurs)) {
      // Not an appointment of this practice (another practice's booking in a shared calendar): busy time.
      if (event.isFree) dropBusy(event.id);
      else keepBusy(event.id, event.start!, event.end!);
    }
    // The page's new bookings and its busy time: one statement, whatever the page holds.
    await createBookings(
      db,
      connection,
      lookups,
      newBookings,
      actor,
      counts,
      busyWrites(connection, busyUpserts, busyDeletes),
    );
    counts.busy += busyUpserts.size;
  }

  return {
    applyPage,
    seen,
    /** What the connection held before the run (see `StoredBefore`); unknown if it brought no events. */
    storedBefore: (): StoredBefore | undefined => loaded?.before,
  };
}

async function saveLink(
  db: Database,
  connection: ConnectionRow,
  appointmentId: string,
  event: ExternalEvent,
) {
  await db
    .insert(calendarEventLinks)
    .values(linkValues(connection, appointmentId, event))
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

/** Bookings written by one statement at most; a page of Google's holds up to 2,500 events. */
const bookingsPerStatement = 2500;

/**
 * From this many new bookings in a page, on PostgreSQL, the page is written as two statements
 * side by side on two connections: the server inserts with two processes instead of one
 * (bench/sync.ts: a first import of 2,000 bookings a quarter faster). PGlite has one connection.
 */
const sideBySideFrom = 500;

/** Whether two of these bookings overlap each other (the database would then refuse one of them). */
function overlapEachOther(events: ExternalEvent[]): boolean {
  const spans = events
    .map((e) => [e.start!.getTime(), e.end!.getTime()] as const)
    .sort((a, b) => a[0] - b[0]);
  let latestEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of spans) {
    if (start < latestEnd) return true;
    latestEnd = Math.max(latestEnd, end);
  }
  return false;
}

/**
 * New bookings of a page, written together with `alongside` (the page's busy time): ONE
 * statement inserts the appointments, their audit events, their outbox rows and their links
 * (`insertAppointments`). If a booking overlaps another one the database refuses the whole
 * statement; the busy time is then written on its own and the bookings in halves, down to the
 * one that overlaps, which `createOne` imports unassigned — in the order the calendar gave, so
 * of two new bookings that overlap each other the first keeps the practitioner. A large page on
 * PostgreSQL goes as two such statements side by side (`sideBySideFrom`); should one fail, what
 * the other wrote is linked, so the pull that reads the page again skips it and writes the rest.
 */
async function createBookings(
  db: Database,
  connection: ConnectionRow,
  lookups: TenantLookups,
  events: ExternalEvent[],
  actor: Actor,
  counts: SyncCounts,
  alongside: SQL[],
) {
  const values = events.map((event) => bookingValues(connection, lookups, event));
  const write = async (from: number, to: number, withWrites: SQL[]): Promise<void> => {
    const chunk = events.slice(from, to);
    const chunkValues = values.slice(from, to);
    if (chunk.length === 0) return writeTogether(db, withWrites);
    const links = insertRowsSql(
      calendarEventLinks,
      chunk.map((event, index) => linkValues(connection, chunkValues[index]!.id!, event)),
    );
    try {
      // Added after the await, not `+= await`: that would read the count before a piece written
      // side by side adds to it, and lose that piece.
      const created = await insertAppointments(db, actor, chunkValues, [...withWrites, links]);
      counts.created += created;
      for (const [index, event] of chunk.entries())
        lookups.links.set(event.id, { appointmentId: chunkValues[index]!.id!, etag: event.version });
    } catch (error) {
      if (!isOverlap(error)) throw error;
      await writeTogether(db, withWrites);
      if (chunk.length === 1) {
        await createOne(db, connection, lookups, chunk[0]!, chunkValues[0]!, actor, counts);
        return;
      }
      const middle = from + Math.ceil(chunk.length / 2);
      await write(from, middle, []);
      await write(middle, to, []);
    }
  };
  if (events.length === 0) return writeTogether(db, alongside);
  // Side by side only when no two of them overlap: which of two would then win depends on the
  // order they are written in, and the calendar's order decides it (see above).
  if (events.length >= sideBySideFrom && runsSideBySide(db) && !overlapEachOther(events)) {
    const pieces = Math.max(2, Math.ceil(events.length / bookingsPerStatement));
    const size = Math.ceil(events.length / pieces);
    const writes: Promise<void>[] = [];
    for (let from = 0; from < events.length; from += size)
      writes.push(write(from, Math.min(from + size, events.length), from === 0 ? alongside : []));
    await Promise.all(writes);
    return;
  }
  for (let from = 0; from < events.length; from += bookingsPerStatement)
    await write(from, Math.min(from + bookingsPerStatement, events.length), from === 0 ? alongside : []);
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

/**
 * The page's busy time as writes for `writeTogether`: one upsert and one delete, each with one
 * JSON parameter however many events. A re-read rewrites only the blocks that moved (or whose
 * holder changed, should a sync have read the connection just before its setting changed).
 */
function busyWrites(
  connection: ConnectionRow,
  upserts: Map<string, { start: Date; end: Date }>,
  deletes: Set<string>,
): SQL[] {
  const writes: SQL[] = [];
  if (upserts.size > 0) {
    const rows = JSON.stringify(
      [...upserts].map(([id, t]) => ({ id, s: t.start.toISOString(), e: t.end.toISOString() })),
    );
    writes.push(sql`
      insert into calendar_busy_blocks (tenant_id, connection_id, user_id, external_event_id, start_time, end_time)
      select ${connection.tenantId}, ${connection.id}::uuid, ${busyTimeHolder(connection)}::text, r.id, r.s, r.e
      from jsonb_to_recordset(${rows}::jsonb) as r(id text, s timestamptz, e timestamptz)
      on conflict (connection_id, external_event_id)
      do update set start_time = excluded.start_time, end_time = excluded.end_time, user_id = excluded.user_id
      where (calendar_busy_blocks.start_time, calendar_busy_blocks.end_time, calendar_busy_blocks.user_id)
        is distinct from (excluded.start_time, excluded.end_time, excluded.user_id)`);
  }
  if (deletes.size > 0) {
    writes.push(sql`
      delete from calendar_busy_blocks
      where connection_id = ${connection.id}
        and external_event_id = any (select jsonb_array_elements_text(${JSON.stringify([...deletes])}::jsonb))`);
  }
  return writes;
}
