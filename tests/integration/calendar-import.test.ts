import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { syncAppointmentsForAllTenants } from '../../src/calendar/sync/sync-all-tenants.ts';
import { appointmentEvents, appointments, calendarBusyBlocks, syncRuns } from '../../src/db/schema/index.ts';
import {
  assistantBooking,
  type CalendarHarness,
  calendarProviders,
  utcAt,
} from '../support/calendar-harness.ts';
import { addMember, type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe.each(calendarProviders)('importing from $name', ({ start }) => {
  let calendar: CalendarHarness;
  let t: TestApp;
  const sleeps: number[] = [];

  beforeAll(async () => {
    calendar = await start();
    t = await createTestApp({
      env: calendar.env,
      calendarRetry: { sleep: async (ms) => void sleeps.push(ms), baseDelayMs: 1 },
    });
  });
  afterAll(async () => {
    await t?.close();
    await calendar?.close();
  });
  beforeEach(() => {
    sleeps.length = 0;
  });

  /** A practice whose owner connected the calendar of `email`. */
  async function connectedPractice(email: string): Promise<SignedUpOwner> {
    const owner = await signUpOwner(t.app);
    expect(await calendar.connect(owner.client, email)).toContain(`connected=${calendar.provider}`);
    return owner;
  }

  async function sync(owner: SignedUpOwner) {
    const response = await owner.client.post('/api/appointments/sync');
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  const appointmentsOf = (tenantId: string) =>
    t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.tenantId, tenantId))
      .orderBy(appointments.startTime);

  const busyOf = (tenantId: string) =>
    t.database.db.select().from(calendarBusyBlocks).where(eq(calendarBusyBlocks.tenantId, tenantId));

  describe('assistant bookings', () => {
    it('imports assistant-booked events with their metadata and keeps other events as busy time', async () => {
      const email = 'import@clinic.example';
      const owner = await connectedPractice(email);
      await calendar.seed(email, [
        // Written as a person in Paris would (wall time + zone): read back at the same instant.
        assistantBooking({ start: utcAt(20, '08:00'), end: utcAt(20, '08:30'), timeZone: 'Europe/Paris' }),
        assistantBooking({
          start: utcAt(21, '13:00'),
          end: utcAt(21, '14:00'),
          summary: 'Amina Haddad – Follow-up',
          email: 'Amina@Example.com',
          service: 'Follow-up',
          patientType: 'returning',
        }),
        { summary: 'Dentist (personal)', start: utcAt(20, '11:00'), end: utcAt(20, '12:00') },
        { summary: 'Focus time', isFree: true, start: utcAt(20, '15:00'), end: utcAt(20, '16:00') },
      ]);

      const result = await sync(owner);
      expect(result.data).toMatchObject({ synced: 2, created: 2 });
      expect(result.message).toBe('2 appointments synced successfully');

      const rows = await appointmentsOf(owner.tenantId);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        source: 'assistant',
        status: 'confirmed',
        title: 'Consultation - Jean Dupont',
        attendeeName: 'Jean Dupont',
        attendeeEmail: 'jean.dupont@example.com',
        attendeePhone: '+33 6 11 22 33 44',
        service: 'Consultation',
        patientType: 'new',
        description: 'Booked by phone; prefers mornings.',
        assignedAdminId: owner.userId,
        timezone: 'Europe/Paris',
      });
      expect(rows[0]!.startTime.toISOString()).toBe(utcAt(20, '08:00'));
      expect(rows[0]!.endTime.toISOString()).toBe(utcAt(20, '08:30'));
      expect(rows[1]).toMatchObject({
        attendeeName: 'Amina Haddad',
        attendeeEmail: 'amina@example.com',
        patientType: 'returning',
      });

      const busy = await busyOf(owner.tenantId);
      expect(busy.map((b) => [b.startTime.toISOString(), b.endTime.toISOString()])).toEqual([
        [utcAt(20, '11:00'), utcAt(20, '12:00')],
      ]);

      const history = await t.database.db
        .select()
        .from(appointmentEvents)
        .where(eq(appointmentEvents.appointmentId, rows[0]!.id));
      expect(history).toMatchObject([{ actorType: 'calendar', action: 'created' }]);
      // Staff read which calendar it came from, by its account; the client it is for does not
      // learn the practitioner's calendar account.
      const trail = (await owner.client.get(`/api/appointments/${rows[0]!.id}/history`)).json().data;
      expect(trail[0]).toMatchObject({ actorType: 'calendar', actorName: email });
      const patient = await addMember(t.app, owner.client, 'client', 'Jean Patient');
      await t.database.db
        .update(appointments)
        .set({ userId: patient.userId })
        .where(eq(appointments.id, rows[0]!.id));
      const theirs = (await patient.client.get(`/api/appointments/${rows[0]!.id}/history`)).json().data;
      expect(theirs[0]).toMatchObject({ actorType: 'calendar', actorName: null });
    });

    it('follows moves, edits and cancellations upstream, and writes nothing when nothing changed', async () => {
      const email = 'follow@clinic.example';
      const owner = await connectedPractice(email);
      const ids = await calendar.seed(email, [
        assistantBooking({ start: utcAt(30, '09:00'), end: utcAt(30, '09:30') }),
        assistantBooking({
          start: utcAt(31, '09:00'),
          end: utcAt(31, '09:30'),
          summary: 'Consultation - Marc Petit',
        }),
        assistantBooking({
          start: utcAt(32, '09:00'),
          end: utcAt(32, '09:30'),
          summary: 'Consultation - Léa Roux',
        }),
      ]);
      await sync(owner);

      await calendar.edit(email, ids[0]!, { start: utcAt(30, '15:00'), end: utcAt(30, '16:00') });
      await calendar.edit(email, ids[1]!, {
        description: 'Bring the X-rays',
        metadata: { phone: '+33 7 00 00 00 00' },
      });
      await calendar.remove(email, ids[2]!);

      const result = await sync(owner);
      expect(result.data).toMatchObject({ synced: 3, updated: 2, cancelled: 1, created: 0 });
      const rows = await appointmentsOf(owner.tenantId);
      expect(rows).toHaveLength(3); // the cancelled one stays
      const byName = Object.fromEntries(rows.map((r) => [r.attendeeName, r]));
      expect(byName['Jean Dupont']!.startTime.toISOString()).toBe(utcAt(30, '15:00'));
      expect(byName['Jean Dupont']!.endTime.toISOString()).toBe(utcAt(30, '16:00'));
      expect(byName['Marc Petit']).toMatchObject({
        description: 'Bring the X-rays',
        attendeePhone: '+33 7 00 00 00 00',
        attendeeEmail: 'jean.dupont@example.com',
      });
      expect(byName['Léa Roux']!.status).toBe('cancelled');

      const eventsBefore = await t.database.db
        .select()
        .from(appointmentEvents)
        .where(eq(appointmentEvents.tenantId, owner.tenantId));
      const quiet = await sync(owner);
      expect(quiet.data).toMatchObject({ synced: 0, created: 0, updated: 0, cancelled: 0 });
      const eventsAfter = await t.database.db
        .select()
        .from(appointmentEvents)
        .where(eq(appointmentEvents.tenantId, owner.tenantId));
      expect(eventsAfter).toHaveLength(eventsBefore.length);
      const rowsAfter = await appointmentsOf(owner.tenantId);
      expect(rowsAfter.map((r) => r.version)).toEqual(rows.map((r) => r.version));
    });

    it('imports an event whose text holds NUL characters without them, and the sync goes on', async () => {
      // PostgreSQL text cannot hold U+0000: kept as is, one such event would fail every pull.
      const email = 'nul@clinic.example';
      const owner = await connectedPractice(email);
      await calendar.seed(email, [
        {
          ...assistantBooking({ start: utcAt(40, '09:00'), end: utcAt(40, '09:30'), service: 'Bil\u0000an' }),
          summary: 'Consultation - Zoé\u0000 Martin',
          description: 'Line one\u0000line two',
        },
        {
          summary: 'Lunch\u0000',
          start: utcAt(40, '12:00'),
          end: utcAt(40, '13:00'),
        },
      ]);
      const result = await sync(owner);
      expect(result.data).toMatchObject({ synced: 1, created: 1 });
      const [row] = await appointmentsOf(owner.tenantId);
      expect(row).toMatchObject({
        title: 'Consultation - Zoé Martin',
        attendeeName: 'Zoé Martin',
        description: 'Line oneline two',
        service: 'Bilan',
      });
      const busy = await busyOf(owner.tenantId);
      expect(busy).toHaveLength(1);
    });

    it('re-reads everything when the provider says the sync cursor expired (410), losing nothing', async () => {
      const email = 'gone@clinic.example';
      const owner = await connectedPractice(email);
      const ids = await calendar.seed(email, [
        assistantBooking({ start: utcAt(40, '09:00'), end: utcAt(40, '09:30') }),
        assistantBooking({
          start: utcAt(41, '09:00'),
          end: utcAt(41, '09:30'),
          summary: 'Consultation - Marc Petit',
        }),
      ]);
      await sync(owner);
      await calendar.remove(email, ids[1]!);
      await calendar.seed(email, [
        assistantBooking({
          start: utcAt(42, '09:00'),
          end: utcAt(42, '09:30'),
          summary: 'Consultation - Léa Roux',
        }),
      ]);
      await calendar.expireCursors(email);

      const result = await sync(owner);
      expect(result.data).toMatchObject({ created: 1, cancelled: 1 });
      const rows = await appointmentsOf(owner.tenantId);
      expect(rows.map((r) => [r.attendeeName, r.status])).toEqual([
        ['Jean Dupont', 'confirmed'],
        ['Marc Petit', 'cancelled'],
        ['Léa Roux', 'confirmed'],
      ]);
      const [run] = await t.database.db
        .select()
        .from(syncRuns)
        .where(eq(syncRuns.tenantId, owner.tenantId))
        .orderBy(syncRuns.startedAt)
        .then((runs) => runs.slice(-1));
      expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual' });
      expect(run!.counts).toMatchObject({ fullResync: true });
      expect(run!.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('waits as the provider asks (429 with Retry-After), backs off without it, then succeeds', async () => {
      const email = 'busy@clinic.example';
      const owner = await connectedPractice(email);
      await calendar.seed(email, [assistantBooking({ start: utcAt(50, '09:00'), end: utcAt(50, '09:30') })]);
      // Graph's Retry-After may carry fractions of a second ("2.128", throttling.md); Google's whole ones.
      const retryAfterSeconds = calendar.provider === 'microsoft' ? 2.128 : 7;
      await calendar.throttle('list', { retryAfterSeconds });
      await calendar.throttle('list', {});
      const result = await sync(owner);
      expect(result.data).toMatchObject({ synced: 1 });
      expect(sleeps[0]).toBeGreaterThanOrEqual(retryAfterSeconds * 1000);
      expect(sleeps).toHaveLength(2);
    });

    it('reports an outage as a failed run without touching anything, and the next sync catches up', async () => {
      const email = 'outage@clinic.example';
      const owner = await connectedPractice(email);
      await calendar.seed(email, [assistantBooking({ start: utcAt(55, '09:00'), end: utcAt(55, '09:30') })]);
      await calendar.fail('list', { status: 500, times: 20 });
      try {
        const failed = await sync(owner);
        expect(failed.data.synced).toBe(0);
        expect(failed.data.connections).toMatchObject([{ status: 'error', needsReconnect: false }]);
        expect(await appointmentsOf(owner.tenantId)).toEqual([]);
      } finally {
        await calendar.clearFaults();
      }
      expect((await sync(owner)).data).toMatchObject({ synced: 1 });
    });

    it('marks the connection expired when access is revoked, and keeps every appointment', async () => {
      const email = 'revoked@clinic.example';
      const owner = await connectedPractice(email);
      await calendar.seed(email, [assistantBooking({ start: utcAt(60, '09:00'), end: utcAt(60, '09:30') })]);
      await sync(owner);
      await calendar.revokeAccess(email);

      const result = await sync(owner);
      expect(result.data.synced).toBe(0);
      expect(result.data.connections).toMatchObject([{ status: 'expired', needsReconnect: true }]);
      const list = (await owner.client.get('/api/calendar')).json().data;
      expect(list).toMatchObject([{ status: 'expired', needsReconnect: true, isActive: false }]);
      expect(await appointmentsOf(owner.tenantId)).toMatchObject([
        { status: 'confirmed', attendeeName: 'Jean Dupont' },
      ]);

      // A later sync does not hammer the provider with a dead token: it reports the state again.
      const again = await sync(owner);
      expect(again.data.connections).toMatchObject([{ status: 'expired', needsReconnect: true }]);

      // Reconnecting revives the same connection; its bookings are not imported twice.
      await calendar.connect(owner.client, email);
      const revived = await sync(owner);
      expect(revived.data.connections).toMatchObject([{ status: 'active' }]);
      expect(await appointmentsOf(owner.tenantId)).toHaveLength(1);
    });

    it('imports a booking that overlaps another one without losing it, unassigned and counted as a conflict', async () => {
      const email = 'double@clinic.example';
      const owner = await connectedPractice(email);
      await calendar.seed(email, [
        assistantBooking({ start: utcAt(70, '09:00'), end: utcAt(70, '10:00') }),
        assistantBooking({
          start: utcAt(70, '09:30'),
          end: utcAt(70, '10:30'),
          summary: 'Consultation - Marc Petit',
        }),
      ]);
      const result = await sync(owner);
      expect(result.data.created).toBe(2);
      const rows = await appointmentsOf(owner.tenantId);
      expect(rows.map((r) => r.assignedAdminId)).toEqual([owner.userId, null]);
    });

    it('disconnecting keeps the imported appointments', async () => {
      const email = 'leave@clinic.example';
      const owner = await connectedPractice(email);
      await calendar.seed(email, [assistantBooking({ start: utcAt(80, '09:00'), end: utcAt(80, '09:30') })]);
      await sync(owner);
      const [connection] = (await owner.client.get('/api/calendar')).json().data;
      expect((await owner.client.delete(`/api/calendar?id=${connection.id}`)).statusCode).toBe(200);
      expect((await owner.client.get('/api/calendar')).json().data).toEqual([]);
      expect(await appointmentsOf(owner.tenantId)).toHaveLength(1);
    });
  });

  describe('syncAppointmentsForAllTenants', () => {
    it('syncs every active connection and isolates one tenant failing', async () => {
      const healthy = await connectedPractice('healthy@clinic.example');
      const broken = await connectedPractice('broken@clinic.example');
      await calendar.seed('healthy@clinic.example', [
        assistantBooking({ start: utcAt(90, '09:00'), end: utcAt(90, '09:30') }),
      ]);
      await calendar.seed('broken@clinic.example', [
        assistantBooking({ start: utcAt(90, '09:00'), end: utcAt(90, '09:30') }),
      ]);
      // The broken practice's owner removed the app's access in their account.
      await calendar.revokeAccess('broken@clinic.example');

      const ctx = createCalendarContext(t.database.db, t.config, { sleep: async () => {}, attempts: 2 });
      const summaries = await syncAppointmentsForAllTenants(ctx, { concurrency: 4 });
      const byTenant = Object.fromEntries(summaries.map((s) => [s.tenantId, s]));
      expect(byTenant[healthy.tenantId]).toMatchObject({ synced: 1, failed: 0 });
      expect(byTenant[broken.tenantId]).toMatchObject({ synced: 0, failed: 1 });
      expect(byTenant[broken.tenantId]!.connections[0]!.error).toMatchObject({ code: 'expired' });
      const failedRuns = await t.database.db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.tenantId, broken.tenantId), eq(syncRuns.status, 'failed')));
      expect(failedRuns.length).toBeGreaterThan(0);
    });

    it('keeps its concurrency as the bound on provider requests in flight, not on connections in progress', async () => {
      const practices: SignedUpOwner[] = [];
      for (let i = 0; i < 6; i++) {
        const email = `fleet${i}@clinic.example`;
        practices.push(await connectedPractice(email));
        await calendar.seed(email, [
          assistantBooking({ start: utcAt(91, '09:00'), end: utcAt(91, '09:30') }),
        ]);
      }
      const ctx = createCalendarContext(t.database.db, t.config, { sleep: async () => {}, attempts: 2 });
      await calendar.takePeakInFlight();
      // Requests slow enough that every connection of the cycle is under way while two are answered.
      await calendar.setLatency(150);
      try {
        await syncAppointmentsForAllTenants(ctx, { concurrency: 2 });
      } finally {
        await calendar.setLatency(0);
      }
      expect(await calendar.takePeakInFlight()).toBe(2);

      const runs = await t.database.db
        .select({ startedAt: syncRuns.startedAt, finishedAt: syncRuns.finishedAt })
        .from(syncRuns)
        .where(
          and(
            inArray(
              syncRuns.tenantId,
              practices.map((p) => p.tenantId),
            ),
            eq(syncRuns.status, 'succeeded'),
          ),
        );
      expect(runs).toHaveLength(6);
      // Pulls under way at once: more than two, the others writing while two requests are out.
      const overlapping = Math.max(
        ...runs.map(
          ({ startedAt }) => runs.filter((r) => r.startedAt <= startedAt && startedAt < r.finishedAt!).length,
        ),
      );
      expect(overlapping).toBeGreaterThan(2);
      const imported = await t.database.db
        .select({ tenantId: appointments.tenantId })
        .from(appointments)
        .where(
          inArray(
            appointments.tenantId,
            practices.map((p) => p.tenantId),
          ),
        );
      expect(imported).toHaveLength(6);
    });
  });
});
