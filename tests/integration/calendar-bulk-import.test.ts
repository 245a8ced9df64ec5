import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionRow } from '../../src/calendar/connections/connection-dto.ts';
import type { ExternalEvent } from '../../src/calendar/provider.ts';
import { createChangeApplier } from '../../src/calendar/sync/apply-changes.ts';
import { emptyCounts } from '../../src/calendar/sync/sync-runs.ts';
import { insertRowsSql } from '../../src/db/bulk-insert.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import {
  appointmentEvents,
  appointments,
  calendarBusyBlocks,
  calendarConnections,
  calendarEventLinks,
  calendarOutbox,
  members,
  organizations,
  users,
} from '../../src/db/schema/index.ts';
import { findPgError, pgErrorCodes } from '../../src/server/http-errors.ts';
import { toSnapshot } from '../../src/services/appointments/appointment-dto.ts';
import { insertAppointments, type NewAppointment } from '../../src/services/appointments/record-change.ts';
import { createTestDatabase } from '../support/test-database.ts';

/**
 * The bulk write path of calendar imports: one statement for a page's bookings, their audit
 * events, outbox rows and links, and its busy time. It must record exactly what the one-by-one
 * path records, and refuse an overlap as a whole.
 */
describe('bulk import writes', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  async function practice() {
    const tenantId = randomUUID();
    const userId = randomUUID();
    await database.db.insert(organizations).values({ id: tenantId, name: 'Practice', slug: `p-${tenantId}` });
    await database.db.insert(users).values({ id: userId, name: 'Dr Who', email: `${userId}@example.com` });
    // A practitioner's calendar: the practice imports from staff's calendars only.
    await database.db
      .insert(members)
      .values({ id: randomUUID(), organizationId: tenantId, userId, role: 'owner' });
    const connect = async (provider: 'google' | 'microsoft', status: ConnectionRow['status'] = 'active') => {
      const [row] = await database.db
        .insert(calendarConnections)
        .values({ tenantId, userId, provider, calendarId: randomUUID(), status })
        .returning();
      return row!;
    };
    return { tenantId, userId, connection: await connect('google'), connect };
  }

  const at = (day: number, hour: number) => new Date(Date.UTC(2031, 2, day, hour));

  function booking(tenantId: string, userId: string, day: number, hour: number): NewAppointment {
    return {
      id: randomUUID(),
      tenantId,
      assignedAdminId: userId,
      source: 'assistant',
      status: 'confirmed',
      title: `Consultation ${day}/${hour}`,
      startTime: at(day, hour),
      endTime: at(day, hour + 1),
      attendeeEmail: 'patient@example.com',
      timezone: 'Europe/Paris',
      syncedAt: new Date(),
    };
  }

  it('audits every row with the snapshot the one-by-one path records', async () => {
    const { tenantId, userId, connection } = await practice();
    const values = [booking(tenantId, userId, 1, 9), booking(tenantId, userId, 1, 11)];
    const created = await insertAppointments(database.db, { type: 'calendar', id: connection.id }, values);
    expect(created).toBe(2);
    const rows = await database.db.select().from(appointments).where(eq(appointments.tenantId, tenantId));
    const events = await database.db
      .select()
      .from(appointmentEvents)
      .where(eq(appointmentEvents.tenantId, tenantId));
    expect(events).toHaveLength(2);
    for (const row of rows) {
      const event = events.find((e) => e.appointmentId === row.id)!;
      expect(event).toMatchObject({
        actorType: 'calendar',
        actorId: connection.id,
        action: 'created',
        before: null,
      });
      // Stored as JSON: what toSnapshot gives once it has been through JSON.
      expect(event.after).toEqual(JSON.parse(JSON.stringify(toSnapshot(row))));
    }
  });

  it('refuses the whole batch, alongside writes included, when one booking overlaps', async () => {
    const { tenantId, userId, connection } = await practice();
    await insertAppointments(database.db, { type: 'calendar', id: connection.id }, [
      booking(tenantId, userId, 2, 9),
    ]);
    // 8:30 to 9:30, over the 9:00 booking above.
    const overlapping = booking(tenantId, userId, 2, 9);
    overlapping.startTime = new Date(at(2, 9).getTime() - 30 * 60_000);
    overlapping.endTime = new Date(at(2, 9).getTime() + 30 * 60_000);
    const link = insertRowsSql(calendarEventLinks, [
      {
        tenantId,
        appointmentId: overlapping.id!,
        connectionId: connection.id,
        externalEventId: 'evt-overlap',
        etag: '"1"',
      },
    ]);
    const error = await insertAppointments(
      database.db,
      { type: 'calendar', id: connection.id },
      [booking(tenantId, userId, 2, 14), overlapping],
      [link],
    ).catch((e: unknown) => e);
    expect(findPgError(error)?.code).toBe(pgErrorCodes.exclusionViolation);
    expect(await database.db.$count(appointments, eq(appointments.tenantId, tenantId))).toBe(1);
    expect(await database.db.$count(appointmentEvents, eq(appointmentEvents.tenantId, tenantId))).toBe(1);
    expect(await database.db.$count(calendarEventLinks, eq(calendarEventLinks.tenantId, tenantId))).toBe(0);
  });

  it("queues pushes to the practitioner's other calendars, never back to the one it came from", async () => {
    const { tenantId, userId, connection, connect } = await practice();
    const outlook = await connect('microsoft');
    const expired = await connect('microsoft', 'expired');
    const [value] = [booking(tenantId, userId, 3, 9)];
    await insertAppointments(database.db, { type: 'calendar', id: connection.id }, [value!]);
    const pushes = await database.db
      .select({ connectionId: calendarOutbox.connectionId, status: calendarOutbox.status })
      .from(calendarOutbox)
      .where(eq(calendarOutbox.appointmentId, value!.id!));
    expect(pushes.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { connectionId: expired.id, status: 'parked' },
      { connectionId: outlook.id, status: 'pending' },
    ]);
  });

  it('is for imports only: bookings by people go through the checks of the one-by-one path', async () => {
    const { tenantId, userId } = await practice();
    await expect(
      insertAppointments(database.db, { type: 'user', id: userId }, [booking(tenantId, userId, 4, 9)]),
    ).rejects.toThrow(/imports/);
  });

  describe('a page of events', () => {
    function event(id: string, start: Date, end: Date, booked: boolean): ExternalEvent {
      return {
        id,
        isCancelled: false,
        start,
        end,
        isAllDay: false,
        timeZone: 'UTC',
        summary: booked ? `Consultation - Patient ${id}` : 'Personal',
        description: null,
        location: null,
        version: `"${id}-1"`,
        updatedAt: new Date(),
        metadata: booked ? { booked_by: 'assistant', email: `${id}@example.com` } : {},
        isFree: false,
      };
    }

    it('imports every booking once, unassigning only those that overlap, and keeps the busy time', async () => {
      const { tenantId, userId, connection } = await practice();
      // Booked in Rendezvous already: the calendar's booking at 10:30 on day 5 overlaps it.
      await insertAppointments(database.db, { type: 'system', id: null }, [booking(tenantId, userId, 5, 10)]);
      const bookings = Array.from({ length: 9 }, (_, i) =>
        event(`b${i}`, at(5 + i, 12), at(5 + i, 13), true),
      );
      bookings[3] = event('b3', new Date(at(5, 10).getTime() + 30 * 60_000), at(5, 12), true);
      // Two new bookings overlapping each other: the first listed keeps the practitioner.
      bookings[6] = event('b6', at(20, 9), at(20, 10), true);
      bookings[7] = event('b7', new Date(at(20, 9).getTime() + 15 * 60_000), at(20, 11), true);
      const busy = [event('p1', at(30, 9), at(30, 10), false), event('p2', at(31, 9), at(31, 10), false)];

      const counts = emptyCounts();
      const applier = await createChangeApplier(database.db, connection, counts);
      await applier.applyPage([...busy.slice(0, 1), ...bookings, ...busy.slice(1)]);

      expect(counts).toMatchObject({ created: 9, conflicts: 2, busy: 2 });
      const rows = await database.db
        .select({
          id: appointments.id,
          assignee: appointments.assignedAdminId,
          email: appointments.attendeeEmail,
        })
        .from(appointments)
        .where(and(eq(appointments.tenantId, tenantId), eq(appointments.source, 'assistant')));
      const unassigned = rows.filter((r) => r.assignee === null).map((r) => r.email);
      expect(unassigned.sort()).toEqual(['b3@example.com', 'b7@example.com']);
      const links = await database.db
        .select({
          eventId: calendarEventLinks.externalEventId,
          appointmentId: calendarEventLinks.appointmentId,
        })
        .from(calendarEventLinks)
        .where(eq(calendarEventLinks.connectionId, connection.id));
      expect(links.map((l) => l.eventId).sort()).toEqual(bookings.map((b) => b.id).sort());
      const audited = await database.db
        .select({ appointmentId: appointmentEvents.appointmentId })
        .from(appointmentEvents)
        .innerJoin(calendarEventLinks, eq(calendarEventLinks.appointmentId, appointmentEvents.appointmentId))
        .where(
          and(eq(calendarEventLinks.connectionId, connection.id), eq(appointmentEvents.action, 'created')),
        );
      expect(audited).toHaveLength(9);
      const blocks = await database.db
        .select({ eventId: calendarBusyBlocks.externalEventId })
        .from(calendarBusyBlocks)
        .where(eq(calendarBusyBlocks.connectionId, connection.id));
      expect(blocks.map((b) => b.eventId).sort()).toEqual(['p1', 'p2']);

      // The same page again (a replay): nothing written twice.
      await applier.applyPage([...busy, ...bookings]);
      expect(await database.db.$count(appointments, eq(appointments.tenantId, tenantId))).toBe(10);
      expect(await database.db.$count(appointmentEvents, eq(appointmentEvents.tenantId, tenantId))).toBe(10);
    });

    // Large pages are written in pieces side by side on PostgreSQL (two connections); the outcome
    // must be the one of writing them in order.
    it('imports a large page as a whole, the overlapping booking unassigned, whichever piece holds it', async () => {
      const { tenantId, userId, connection } = await practice();
      await insertAppointments(database.db, { type: 'system', id: null }, [booking(tenantId, userId, 1, 8)]);
      const hour = (i: number) => new Date(Date.UTC(2032, 0, 1, 0) + i * 3_600_000);
      const bookings = Array.from({ length: 600 }, (_, i) => event(`large${i}`, hour(i), hour(i + 1), true));
      // In the second half: overlaps the appointment booked in Rendezvous already.
      bookings[450] = event('large450', new Date(at(1, 8).getTime() + 30 * 60_000), at(1, 9), true);
      const counts = emptyCounts();
      const applier = await createChangeApplier(database.db, connection, counts);
      await applier.applyPage([event('busy-large', at(2, 9), at(2, 10), false), ...bookings]);

      expect(counts).toMatchObject({ created: 600, conflicts: 1, busy: 1 });
      const rows = await database.db
        .select({ assignee: appointments.assignedAdminId, email: appointments.attendeeEmail })
        .from(appointments)
        .where(and(eq(appointments.tenantId, tenantId), eq(appointments.source, 'assistant')));
      expect(rows).toHaveLength(601); // with the one booked before
      expect(rows.filter((r) => r.assignee === null).map((r) => r.email)).toEqual(['large450@example.com']);
      expect(
        await database.db.$count(calendarEventLinks, eq(calendarEventLinks.connectionId, connection.id)),
      ).toBe(600);
      expect(
        await database.db.$count(
          appointmentEvents,
          and(eq(appointmentEvents.tenantId, tenantId), eq(appointmentEvents.action, 'created')),
        ),
      ).toBe(601);
      expect(
        await database.db.$count(calendarBusyBlocks, eq(calendarBusyBlocks.connectionId, connection.id)),
      ).toBe(1);
    });

    it('keeps the calendar order between two bookings of a large page that overlap each other', async () => {
      const { tenantId, connection } = await practice();
      const hour = (i: number) => new Date(Date.UTC(2033, 0, 1, 0) + i * 3_600_000);
      const bookings = Array.from({ length: 600 }, (_, i) => event(`order${i}`, hour(i), hour(i + 1), true));
      // The 301st overlaps the 300th, which keeps the practitioner for being listed first. Written
      // in two pieces side by side, the 301st would be the first row of the second piece and the
      // 300th the last of the first: the second piece would usually take the time first.
      bookings[300] = event('order300', new Date(hour(299).getTime() + 15 * 60_000), hour(301), true);
      // Connections open for both pieces, so that neither waits for one to be opened.
      await Promise.all([1, 2, 3].map(() => database.db.execute(sql`select pg_sleep(0.05)`)));
      const counts = emptyCounts();
      await (await createChangeApplier(database.db, connection, counts)).applyPage(bookings);

      expect(counts).toMatchObject({ created: 600, conflicts: 1 });
      const unassigned = await database.db
        .select({ email: appointments.attendeeEmail })
        .from(appointments)
        .where(and(eq(appointments.tenantId, tenantId), isNull(appointments.assignedAdminId)));
      expect(unassigned).toEqual([{ email: 'order300@example.com' }]);
    });
  });
});
