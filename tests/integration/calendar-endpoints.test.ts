import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteAppointmentFromCalendars } from '../../src/calendar/outbox/delete-appointment-from-calendars.ts';
import { syncAppointmentToCalendars } from '../../src/calendar/outbox/sync-appointment-to-calendars.ts';
import { setupWatch } from '../../src/calendar/watch/setup-watch.ts';
import { appointments } from '../../src/db/schema/index.ts';
import { startJobQueue } from '../../src/jobs/job-queue.ts';
import {
  assistantBooking,
  type CalendarHarness,
  calendarProviders,
  utcAt,
} from '../support/calendar-harness.ts';
import { addMember, type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Spec 002's endpoints under /api/calendar/: status, sync, sync-to-calendar, full-sync, events,
 * setup-watch and auto-sync. Reading is for every member; acting for the whole practice is for
 * owners and admins; another practice's calendars are out of reach.
 */
describe.each(calendarProviders)('spec 002 calendar endpoints with $name', ({ start }) => {
  let calendar: CalendarHarness;
  let t: TestApp;

  beforeAll(async () => {
    calendar = await start();
    t = await createTestApp({ env: { ...calendar.env, AUTO_SYNC_ENABLED: 'true' } });
  });
  afterAll(async () => {
    await t?.close();
    await calendar?.close();
  });

  let practices = 0;
  async function connectedPractice(): Promise<SignedUpOwner & { calendarEmail: string }> {
    practices += 1;
    const calendarEmail = `endpoints${practices}@clinic.example`;
    const owner = await signUpOwner(t.app);
    expect(await calendar.connect(owner.client, calendarEmail)).toContain(`connected=${calendar.provider}`);
    return { ...owner, calendarEmail };
  }

  async function book(owner: SignedUpOwner, startTime: string, endTime: string, title: string) {
    const response = await owner.client.post('/api/appointments', { title, startTime, endTime });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data as { id: string };
  }

  describe('GET /api/calendar/status', () => {
    it('says a practice without a calendar is not connected, with its zone and the auto-sync settings', async () => {
      const owner = await signUpOwner(t.app);
      const response = await owner.client.get('/api/calendar/status');
      expect(response.statusCode).toBe(200);
      expect(response.json().data).toEqual({
        status: 'not_connected',
        calendar_id: null,
        timezone: 'Europe/Paris',
        connections: [],
        auto_sync: {
          enabled: true,
          enabled_by_server: true,
          enabled_for_practice: true,
          // No worker keeps the schedule in this test app.
          running: false,
          interval_seconds: 300,
          last_sync_time: null,
          last_sync_result: null,
        },
        // No service account on this server.
        service_account: null,
      });
    });

    it('shows the connected calendar and the result of the last sync', async () => {
      const owner = await connectedPractice();
      await calendar.seed(owner.calendarEmail, [
        assistantBooking({ start: utcAt(20, '09:00'), end: utcAt(20, '09:30') }),
      ]);
      expect((await owner.client.post('/api/calendar/sync')).json().data).toMatchObject({ created: 1 });

      const status = (await owner.client.get('/api/calendar/status')).json().data;
      expect(status).toMatchObject({
        status: 'available',
        calendar_id: owner.calendarEmail,
        connections: [{ provider: calendar.provider, isActive: true }],
        auto_sync: {
          enabled: true,
          last_sync_result: { created: 1, updated: 0, cancelled: 0, error: null },
        },
      });
      expect(Date.parse(status.auto_sync.last_sync_time)).not.toBeNaN();
    });

    it('reports auto-sync running once a worker keeps the schedule', async () => {
      const owner = await signUpOwner(t.app);
      const worker = await startJobQueue({
        database: t.database,
        calendar: t.calendar,
        work: true,
        autoSync: { enabled: true, intervalSeconds: 300 },
      });
      try {
        const status = (await owner.client.get('/api/calendar/auto-sync/status')).json().data;
        expect(status).toMatchObject({ enabled: true, running: true, interval_seconds: 300 });
      } finally {
        await worker.stop();
      }
    });
  });

  describe('POST /api/calendar/sync-to-calendar and /full-sync', () => {
    it('creates the events missing for upcoming appointments, once however often it is called', async () => {
      const owner = await signUpOwner(t.app);
      // Booked before the calendar was connected (and before its first pull would queue them).
      const first = await book(owner, utcAt(21, '09:00'), utcAt(21, '10:00'), 'Consultation');
      const second = await book(owner, utcAt(21, '11:00'), utcAt(21, '12:00'), 'Follow-up');
      await calendar.connect(owner.client, 'to-calendar@clinic.example');

      const pushed = await owner.client.post('/api/calendar/sync-to-calendar');
      expect(pushed.statusCode).toBe(200);
      expect(pushed.json().data).toEqual({ queued: 2, pushed: 2, retrying: 0, failed: 0 });
      const events = await calendar.events('to-calendar@clinic.example');
      expect(events.map((e) => e.metadata.rendezvous_appointment_id).sort()).toEqual(
        [first.id, second.id].sort(),
      );

      // A push the calendar refused for good is given up; sync-to-calendar queues it again.
      await calendar.fail('create', { status: 400, times: 1 });
      await book(owner, utcAt(21, '14:00'), utcAt(21, '15:00'), 'Check-up');
      const refused = await owner.client.post('/api/calendar/sync-to-calendar');
      expect(refused.json().data).toEqual({ queued: 0, pushed: 0, retrying: 0, failed: 1 });
      const retried = await owner.client.post('/api/calendar/sync-to-calendar');
      expect(retried.json().data).toEqual({ queued: 1, pushed: 1, retrying: 0, failed: 0 });
      expect((await calendar.events('to-calendar@clinic.example')).map((e) => e.summary)).toContain(
        'Check-up',
      );

      const again = await owner.client.post('/api/calendar/sync-to-calendar');
      expect(again.json().data).toMatchObject({ queued: 0, pushed: 0 });
      expect(await calendar.events('to-calendar@clinic.example')).toHaveLength(3);
    });

    it('pushes what is missing, then pulls what changed in the calendar', async () => {
      const owner = await signUpOwner(t.app);
      const local = await book(owner, utcAt(22, '09:00'), utcAt(22, '10:00'), 'Booked in Rendezvous');
      await calendar.connect(owner.client, 'full-sync@clinic.example');
      await calendar.seed('full-sync@clinic.example', [
        assistantBooking({ start: utcAt(22, '14:00'), end: utcAt(22, '14:30') }),
      ]);

      const response = await owner.client.post('/api/calendar/full-sync');
      expect(response.statusCode).toBe(200);
      expect(response.json().data).toMatchObject({
        toCalendar: { pushed: 1 },
        fromCalendar: { created: 1, synced: 1 },
      });
      const ids = (await calendar.events('full-sync@clinic.example')).map(
        (e) => e.metadata.rendezvous_appointment_id,
      );
      expect(ids).toContain(local.id);
    });
  });

  describe('GET /api/calendar/events', () => {
    it('lists the upcoming events soonest first, marking ours and the assistant’s', async () => {
      const owner = await connectedPractice();
      await calendar.seed(owner.calendarEmail, [
        assistantBooking({ start: utcAt(24, '09:00'), end: utcAt(24, '09:30') }),
        { summary: 'Lunch with Sam', start: utcAt(23, '12:00'), end: utcAt(23, '13:00') },
      ]);
      const ours = await book(owner, utcAt(25, '09:00'), utcAt(25, '10:00'), 'Check-up');
      await owner.client.post('/api/calendar/sync-to-calendar');

      const response = await owner.client.get('/api/calendar/events?max=10');
      expect(response.statusCode).toBe(200);
      const [listed] = response.json().data;
      expect(listed).toMatchObject({
        provider: calendar.provider,
        email: owner.calendarEmail,
        error: null,
      });
      expect(
        listed.events.map(
          (e: { summary: string; bookedByAssistant: boolean; appointmentId: string | null }) => [
            e.summary,
            e.bookedByAssistant,
            e.appointmentId,
          ],
        ),
      ).toEqual([
        ['Lunch with Sam', false, null],
        ['Consultation - Jean Dupont', true, null],
        ['Check-up', false, ours.id],
      ]);
    });

    it.each([
      ['0', 'at least 1'],
      ['251', 'at most 250'],
      ['ten', 'a whole number, written in digits'],
      // What Number() would read as 16, 100 and 5.
      ['0x10', 'a whole number, written in digits'],
      ['1e2', 'a whole number, written in digits'],
      ['%205', 'a whole number, written in digits'],
    ])('refuses max=%s naming the field', async (max, message) => {
      const owner = await signUpOwner(t.app);
      const response = await owner.client.get(`/api/calendar/events?max=${max}`);
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json().error)).toContain('max');
      expect(JSON.stringify(response.json().error)).toContain(message);
    });
  });

  describe('POST /api/calendar/setup-watch', () => {
    it('refuses a webhook_url that is not an absolute http(s) URL, naming the field', async () => {
      const owner = await connectedPractice();
      const response = await owner.client.post('/api/calendar/setup-watch', {
        webhook_url: 'ftp://example.com/x',
      });
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json().error)).toContain('webhook_url');
      expect((await owner.client.get('/api/calendar')).json().data[0].watchExpiresAt).toBeNull();
    });

    it('refuses a plain-http address the provider would refuse, before opening any channel', async () => {
      const owner = await connectedPractice();
      const response = await owner.client.post('/api/calendar/setup-watch', {
        webhook_url: 'http://clinic.example/hooks/calendar',
      });
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json().error)).toContain('webhook_url must be an HTTPS address');
      // Behind a PUBLIC_URL that is not HTTPS, the default address is refused the same way.
      const caller = {
        kind: 'user' as const,
        userId: owner.userId,
        tenantId: owner.tenantId,
        role: 'owner' as const,
        email: 'owner@clinic.example',
        name: 'Owner',
      };
      await expect(
        setupWatch({ ...t.calendar, publicUrl: 'http://clinic.example' }, caller),
      ).rejects.toMatchObject({
        code: 'VALIDATION_ERROR',
        message: expect.stringContaining('http://clinic.example/api/calendar/webhook'),
      });
      expect((await owner.client.get('/api/calendar')).json().data[0].watchExpiresAt).toBeNull();
    });

    it('answers 404 when the practice has no active calendar to watch', async () => {
      const owner = await signUpOwner(t.app);
      const response = await owner.client.post('/api/calendar/setup-watch');
      expect(response.statusCode).toBe(404);
    });
  });

  describe('auto-sync start and stop', () => {
    it('switch the practice’s auto-sync off and on again', async () => {
      const owner = await signUpOwner(t.app);
      const stopped = await owner.client.post('/api/calendar/auto-sync/stop');
      expect(stopped.statusCode).toBe(200);
      // Stopped by the practice, not by the server: the status says which.
      const stoppedState = { enabled: false, enabled_by_server: true, enabled_for_practice: false };
      expect(stopped.json().data).toMatchObject({ ...stoppedState, running: false });
      expect((await owner.client.get('/api/calendar/status')).json().data.auto_sync).toMatchObject(
        stoppedState,
      );
      const started = await owner.client.post('/api/calendar/auto-sync/start');
      expect(started.json().data).toMatchObject({ enabled: true, enabled_for_practice: true });
    });
  });

  describe("spec 001's sync service entry points", () => {
    it('push one appointment to the calendars that should carry it, and take it off those that should not', async () => {
      const owner = await signUpOwner(t.app);
      const booked = await book(owner, utcAt(26, '09:00'), utcAt(26, '10:00'), 'Booked before connecting');
      await calendar.connect(owner.client, 'entry-points@clinic.example');
      expect(await calendar.events('entry-points@clinic.example')).toEqual([]);

      expect(await syncAppointmentToCalendars(t.calendar, owner.tenantId, booked.id)).toMatchObject({
        done: 1,
      });
      const [event] = await calendar.events('entry-points@clinic.example');
      expect(event?.metadata.rendezvous_appointment_id).toBe(booked.id);

      // Cancelled behind the write path's back (a data repair): the outbox never heard of it.
      await t.database.db
        .update(appointments)
        .set({ status: 'cancelled' })
        .where(eq(appointments.id, booked.id));
      expect(await deleteAppointmentFromCalendars(t.calendar, owner.tenantId, booked.id)).toMatchObject({
        done: 1,
      });
      expect(await calendar.events('entry-points@clinic.example')).toEqual([]);
    });

    it("keep to the caller's practice", async () => {
      const owner = await signUpOwner(t.app);
      const booked = await book(owner, utcAt(27, '09:00'), utcAt(27, '10:00'), 'Theirs');
      const other = await signUpOwner(t.app);
      await expect(syncAppointmentToCalendars(t.calendar, other.tenantId, booked.id)).rejects.toThrow(
        /not found/,
      );
    });
  });

  describe('who may do what', () => {
    it('lets members read but keeps practice-wide actions for owners and admins', async () => {
      const owner = await connectedPractice();
      const client = await addMember(t.app, owner.client, 'client');
      const admin = await addMember(t.app, owner.client, 'admin');
      for (const path of ['/api/calendar/status', '/api/calendar/auto-sync/status', '/api/calendar/events']) {
        expect((await client.client.get(path)).statusCode, path).toBe(200);
      }
      for (const path of [
        '/api/calendar/sync',
        '/api/calendar/sync-to-calendar',
        '/api/calendar/full-sync',
        '/api/calendar/setup-watch',
        '/api/calendar/auto-sync/start',
        '/api/calendar/auto-sync/stop',
      ]) {
        expect((await client.client.post(path)).statusCode, path).toBe(403);
        expect((await new TestClient(t.app).post(path)).statusCode, path).toBe(401);
      }
      expect((await admin.client.post('/api/calendar/sync')).statusCode).toBe(200);
      // A client sees no one else's calendar.
      expect((await client.client.get('/api/calendar/status')).json().data).toMatchObject({
        status: 'not_connected',
        connections: [],
      });
    });

    it('keeps each practice to its own calendars', async () => {
      const first = await connectedPractice();
      const other = await signUpOwner(t.app);
      const sync = (await other.client.post('/api/calendar/sync')).json().data;
      expect(sync).toMatchObject({ synced: 0, connections: [] });
      expect((await other.client.get('/api/calendar/events')).json().data).toEqual([]);
      const stopped = await other.client.post('/api/calendar/auto-sync/stop');
      expect(stopped.json().data.enabled).toBe(false);
      expect((await first.client.get('/api/calendar/auto-sync/status')).json().data.enabled).toBe(true);
    });
  });
});

describe('auto-sync on a server whose configuration has it off (AUTO_SYNC_ENABLED=false)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { AUTO_SYNC_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says the server has it off, whatever the practice’s own switch says', async () => {
    const owner = await signUpOwner(t.app);
    const status = (await owner.client.get('/api/calendar/status')).json().data;
    expect(status.auto_sync).toMatchObject({
      enabled: false,
      enabled_by_server: false,
      enabled_for_practice: true,
      running: false,
    });
    // Starting it for the practice records the wish; the server's configuration still rules.
    const started = (await owner.client.post('/api/calendar/auto-sync/start')).json().data;
    expect(started).toMatchObject({ enabled: false, enabled_by_server: false, enabled_for_practice: true });
    const stopped = (await owner.client.post('/api/calendar/auto-sync/stop')).json().data;
    expect(stopped).toMatchObject({ enabled: false, enabled_by_server: false, enabled_for_practice: false });
  });
});
