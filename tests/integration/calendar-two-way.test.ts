import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CalendarContext, createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { drainOutbox } from '../../src/calendar/outbox/drain-outbox.ts';
import {
  appointmentEvents,
  appointments,
  calendarEventLinks,
  calendarOutbox,
} from '../../src/db/schema/index.ts';
import {
  assistantBooking,
  type CalendarHarness,
  calendarProviders,
  utcAt,
} from '../support/calendar-harness.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

describe.each(calendarProviders)('two-way sync with $name', ({ start }) => {
  let calendar: CalendarHarness;
  let t: TestApp;
  let ctx: CalendarContext;

  beforeAll(async () => {
    calendar = await start();
    t = await createTestApp({ env: calendar.env });
    ctx = createCalendarContext(t.database.db, t.config, { sleep: async () => {} });
  });
  afterAll(async () => {
    await t?.close();
    await calendar?.close();
  });

  async function connectedPractice(email: string): Promise<SignedUpOwner> {
    const owner = await signUpOwner(t.app);
    expect(await calendar.connect(owner.client, email)).toContain(`connected=${calendar.provider}`);
    return owner;
  }

  /** Lets time pass for the outbox: rows waiting for a retry become due now. */
  async function makeRetriesDue() {
    await t.database.db
      .update(calendarOutbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(calendarOutbox.status, 'pending'));
  }

  async function book(owner: SignedUpOwner, start: string, end: string, title = 'Initial consultation') {
    const response = await owner.client.post('/api/appointments', {
      title,
      startTime: start,
      endTime: end,
      type: 'free',
      status: 'confirmed',
      description: 'First visit',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data as { id: string };
  }

  const versionOf = async (appointmentId: string) =>
    (await t.database.db.select().from(appointments).where(eq(appointments.id, appointmentId)))[0]!.version;

  /** The event ids the API shows for an appointment held by one event of this provider. */
  const eventIds = (eventId: string) => ({
    googleEventId: calendar.provider === 'google' ? eventId : null,
    microsoftEventId: calendar.provider === 'microsoft' ? eventId : null,
    calendarEventId: eventId,
  });

  const linksOf = (tenantId: string) =>
    t.database.db.select().from(calendarEventLinks).where(eq(calendarEventLinks.tenantId, tenantId));

  describe('Rendezvous → calendar', () => {
    it('creates, moves and cancels the event as the appointment changes, without echoes', async () => {
      const email = 'push@clinic.example';
      const owner = await connectedPractice(email);
      const appointment = await book(owner, utcAt(10, '09:00'), utcAt(10, '10:00'));

      expect(await drainOutbox(ctx)).toMatchObject({ done: 1, failed: 0 });
      let events = await calendar.events(email);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ summary: 'Initial consultation', description: 'First visit' });
      expect(events[0]!.start.toISOString()).toBe(utcAt(10, '09:00'));
      expect(events[0]!.end.toISOString()).toBe(utcAt(10, '10:00'));
      expect(events[0]!.metadata).toMatchObject({
        rendezvous_appointment_id: appointment.id,
        booked_by: 'rendezvous',
      });
      // The API names the event (DESIGN §4): one appointment, the list, the answer to a change.
      expect(appointment).toMatchObject({
        googleEventId: null,
        microsoftEventId: null,
        calendarEventId: null,
      });
      const shown = await owner.client.get(`/api/appointments/${appointment.id}`);
      expect(shown.json().data).toMatchObject(eventIds(events[0]!.id));
      const listed = (await owner.client.get('/api/appointments')).json().data as { id: string }[];
      expect(listed.find((a) => a.id === appointment.id)).toMatchObject(eventIds(events[0]!.id));

      const moved = await owner.client.put(`/api/appointments/${appointment.id}`, {
        startTime: utcAt(10, '14:00'),
        endTime: utcAt(10, '15:00'),
      });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().data).toMatchObject(eventIds(events[0]!.id));
      await drainOutbox(ctx);
      events = await calendar.events(email);
      expect(events).toHaveLength(1);
      expect(events[0]!.start.toISOString()).toBe(utcAt(10, '14:00'));

      // Our own writes come back on the next pull: recognised by their version, nothing is re-applied.
      const versionBefore = await versionOf(appointment.id);
      const pull = await owner.client.post('/api/appointments/sync');
      expect(pull.json().data).toMatchObject({ synced: 0 });
      expect(await versionOf(appointment.id)).toBe(versionBefore);

      const cancel = await owner.client.put(`/api/appointments/${appointment.id}`, { status: 'cancelled' });
      expect(cancel.statusCode, cancel.body).toBe(200);
      await drainOutbox(ctx);
      expect(await calendar.events(email)).toHaveLength(0);
      expect(
        await t.database.db
          .select()
          .from(calendarEventLinks)
          .where(eq(calendarEventLinks.appointmentId, appointment.id)),
      ).toHaveLength(0);
    });

    it('books locally while the provider is down and reaches the calendar once it is back, exactly once', async () => {
      const email = 'down@clinic.example';
      const owner = await connectedPractice(email);
      await calendar.fail('create', { status: 500, times: 3 });
      const appointment = await book(owner, utcAt(11, '09:00'), utcAt(11, '10:00'));
      expect((await owner.client.get(`/api/appointments/${appointment.id}`)).statusCode).toBe(200);

      expect(await drainOutbox(ctx)).toMatchObject({ done: 0, retried: 1 });
      for (let i = 0; i < 3; i++) {
        await makeRetriesDue();
        await drainOutbox(ctx);
      }
      const events = await calendar.events(email);
      expect(events).toHaveLength(1);
      expect(events[0]!.metadata.rendezvous_appointment_id).toBe(appointment.id);
    });

    it('never creates a second event when the answer to a create was lost', async () => {
      const email = 'lost@clinic.example';
      const owner = await connectedPractice(email);
      const appointment = await book(owner, utcAt(12, '09:00'), utcAt(12, '10:00'));
      await drainOutbox(ctx);
      // A worker that crashed after the provider created the event but before the link was saved.
      await t.database.db
        .delete(calendarEventLinks)
        .where(eq(calendarEventLinks.appointmentId, appointment.id));
      await owner.client.put(`/api/appointments/${appointment.id}`, { title: 'Initial consultation (2h)' });
      await drainOutbox(ctx);
      const events = await calendar.events(email);
      expect(events).toHaveLength(1);
      expect(events[0]!.summary).toBe('Initial consultation (2h)');
    });
  });

  describe('calendar → Rendezvous for events we pushed', () => {
    it('follows an upstream move, edit and deletion', async () => {
      const email = 'upstream@clinic.example';
      const owner = await connectedPractice(email);
      const first = await book(owner, utcAt(13, '09:00'), utcAt(13, '10:00'));
      const second = await book(owner, utcAt(14, '09:00'), utcAt(14, '10:00'), 'Follow-up');
      await drainOutbox(ctx);
      const links = await linksOf(owner.tenantId);
      const eventOf = (id: string) => links.find((l) => l.appointmentId === id)!.externalEventId;

      await calendar.edit(email, eventOf(first.id), {
        start: utcAt(13, '11:00'),
        end: utcAt(13, '12:30'),
        summary: 'Initial consultation — bring X-rays',
      });
      await calendar.remove(email, eventOf(second.id));

      const pull = await owner.client.post('/api/appointments/sync');
      expect(pull.json().data).toMatchObject({ updated: 1, cancelled: 1 });
      const rows = await t.database.db
        .select()
        .from(appointments)
        .where(eq(appointments.tenantId, owner.tenantId))
        .orderBy(appointments.startTime);
      expect(rows[0]).toMatchObject({ title: 'Initial consultation — bring X-rays', status: 'confirmed' });
      expect(rows[0]!.startTime.toISOString()).toBe(utcAt(13, '11:00'));
      expect(rows[0]!.endTime.toISOString()).toBe(utcAt(13, '12:30'));
      expect(rows[1]!.status).toBe('cancelled');
      // Nothing to push back: the change came from that calendar.
      expect(await drainOutbox(ctx)).toMatchObject({ claimed: 0 });
    });

    it('resolves an edit made on both sides by the later one, keeping the other in the audit trail', async () => {
      const email = 'conflict@clinic.example';
      const owner = await connectedPractice(email);
      const appointment = await book(owner, utcAt(15, '09:00'), utcAt(15, '10:00'));
      await drainOutbox(ctx);
      const [link] = await linksOf(owner.tenantId);

      // An upstream edit, then a later local one, before any sync: the local one is newer and wins.
      await calendar.edit(email, link!.externalEventId, { summary: 'Edited upstream' });
      await owner.client.put(`/api/appointments/${appointment.id}`, { title: 'Edited in Rendezvous' });
      await drainOutbox(ctx);
      expect((await calendar.events(email))[0]!.summary).toBe('Edited in Rendezvous');
      await owner.client.post('/api/appointments/sync');
      const [row] = await t.database.db
        .select()
        .from(appointments)
        .where(eq(appointments.id, appointment.id));
      expect(row!.title).toBe('Edited in Rendezvous');
      const notes = await t.database.db
        .select()
        .from(appointmentEvents)
        .where(
          and(
            eq(appointmentEvents.appointmentId, appointment.id),
            eq(appointmentEvents.action, 'sync_conflict_local_won'),
          ),
        );
      expect(notes).toHaveLength(1);
      expect(notes[0]!.before).toMatchObject({ summary: 'Edited upstream' });
    });
  });

  describe('a booking moved upstream onto another appointment', () => {
    it('stays in its calendar, unassigned for an admin to place, and follows later edits there', async () => {
      const email = 'overlap@clinic.example';
      const owner = await connectedPractice(email);
      const other = await book(owner, utcAt(16, '10:00'), utcAt(16, '11:00'), 'Follow-up');
      await drainOutbox(ctx);
      await calendar.create(email, assistantBooking({ start: utcAt(16, '14:00'), end: utcAt(16, '15:00') }));
      expect((await owner.client.post('/api/appointments/sync')).json().data).toMatchObject({ created: 1 });
      const bookingRow = async () =>
        (
          await t.database.db
            .select()
            .from(appointments)
            .where(and(eq(appointments.tenantId, owner.tenantId), ne(appointments.id, other.id)))
        )[0]!;
      const booking = await bookingRow();
      expect(booking.assignedAdminId).toBe(owner.userId);
      const eventId = (await linksOf(owner.tenantId)).find(
        (l) => l.appointmentId === booking.id,
      )!.externalEventId;
      // An assistant booking imported from the calendar: the API names the event it came from.
      const imported = await owner.client.get(`/api/appointments/${booking.id}`);
      expect(imported.json().data).toMatchObject({ source: 'assistant', ...eventIds(eventId) });
      const adminList = (await owner.client.get('/api/admin/appointments')).json().data as { id: string }[];
      expect(adminList.find((a) => a.id === booking.id)).toMatchObject(eventIds(eventId));
      expect(adminList.find((a) => a.id === other.id)).toMatchObject(
        eventIds((await linksOf(owner.tenantId)).find((l) => l.appointmentId === other.id)!.externalEventId),
      );

      // Moved in Rendezvous, then later moved upstream onto the other appointment, before our push ran.
      const moved = await owner.client.put(`/api/appointments/${booking.id}`, {
        startTime: utcAt(16, '16:00'),
        endTime: utcAt(16, '17:00'),
      });
      expect(moved.statusCode, moved.body).toBe(200);
      await calendar.edit(email, eventId, { start: utcAt(16, '10:00'), end: utcAt(16, '11:00') });
      expect(await drainOutbox(ctx)).toMatchObject({ done: 1, failed: 0 });

      // The later change (upstream) wins; it overlaps, so the booking is kept without a practitioner,
      // and its event stays in the calendar it was booked in, next to the other one's.
      const kept = await bookingRow();
      expect(kept).toMatchObject({ status: 'confirmed', assignedAdminId: null });
      expect(kept.startTime.toISOString()).toBe(utcAt(16, '10:00'));
      let events = await calendar.events(email);
      expect(events).toHaveLength(2);
      expect(events.find((e) => e.id === eventId)?.start.toISOString()).toBe(utcAt(16, '10:00'));

      // An admin's later edit of it reaches that event; the next pull has nothing to change.
      await owner.client.put(`/api/appointments/${booking.id}`, { title: 'Consultation - to place' });
      expect(await drainOutbox(ctx)).toMatchObject({ done: 1, failed: 0 });
      events = await calendar.events(email);
      expect(events).toHaveLength(2);
      expect(events.find((e) => e.id === eventId)?.summary).toBe('Consultation - to place');
      const pull = (await owner.client.post('/api/appointments/sync')).json().data;
      expect(pull).toMatchObject({ created: 0, updated: 0, cancelled: 0 });
    });
  });

  describe('connecting a calendar', () => {
    it('puts the appointments booked before connecting into it, once', async () => {
      const owner = await signUpOwner(t.app);
      const before = await book(owner, utcAt(18, '09:00'), utcAt(18, '10:00'), 'Booked before connecting');
      await book(owner, utcAt(-3, '09:00'), utcAt(-3, '10:00'), 'Already over');

      const email = 'late-connect@clinic.example';
      expect(await calendar.connect(owner.client, email)).toContain(`connected=${calendar.provider}`);
      // Queued by the first pull, which first looks for what is already there.
      expect(await drainOutbox(ctx)).toMatchObject({ claimed: 0 });
      expect((await owner.client.post('/api/appointments/sync')).statusCode).toBe(200);
      expect(await drainOutbox(ctx)).toMatchObject({ done: 1, failed: 0 });
      // Connecting again (a new consent for the same account) and pulling queue nothing more.
      await calendar.connect(owner.client, email);
      await owner.client.post('/api/appointments/sync');
      expect(await drainOutbox(ctx)).toMatchObject({ claimed: 0 });

      const events = await calendar.events(email);
      expect(events.map((e) => [e.summary, e.metadata.rendezvous_appointment_id])).toEqual([
        ['Booked before connecting', before.id],
      ]);
    });

    it('puts the appointments booked before connecting into a calendar that already holds events', async () => {
      const owner = await signUpOwner(t.app);
      const before = await book(owner, utcAt(22, '09:00'), utcAt(22, '10:00'), 'Booked before connecting');
      const email = 'busy-late-connect@clinic.example';
      await calendar.seed(email, [
        { summary: 'Dentist', start: utcAt(22, '12:00'), end: utcAt(22, '13:00') },
      ]);

      expect(await calendar.connect(owner.client, email)).toContain(`connected=${calendar.provider}`);
      expect((await owner.client.post('/api/appointments/sync')).statusCode).toBe(200);
      expect(await drainOutbox(ctx)).toMatchObject({ done: 1, failed: 0 });

      const events = await calendar.events(email);
      expect(events.map((e) => [e.summary, e.metadata.rendezvous_appointment_id ?? null]).sort()).toEqual([
        ['Booked before connecting', before.id],
        ['Dentist', null],
      ]);
    });

    it('starts afresh when another account replaces the first, leaving the first account alone', async () => {
      const first = 'first-account@clinic.example';
      const owner = await connectedPractice(first);
      const appointment = await book(owner, utcAt(19, '09:00'), utcAt(19, '10:00'));
      await drainOutbox(ctx);
      expect(await calendar.events(first)).toHaveLength(1);

      const second = 'second-account@clinic.example';
      expect(await calendar.connect(owner.client, second)).toContain(`connected=${calendar.provider}`);
      const connections = (await owner.client.get('/api/calendar')).json().data;
      expect(connections).toMatchObject([{ email: second, status: 'active' }]);
      expect((await owner.client.post('/api/appointments/sync')).statusCode).toBe(200);
      expect(await drainOutbox(ctx)).toMatchObject({ done: 1, failed: 0 });

      // The appointment is in the new calendar; the first account's event is not touched by us any more.
      expect((await calendar.events(second)).map((e) => e.metadata.rendezvous_appointment_id)).toEqual([
        appointment.id,
      ]);
      expect(await calendar.events(first)).toHaveLength(1);
      const links = await linksOf(owner.tenantId);
      expect(links).toHaveLength(1);
      expect(links[0]!.connectionId).toBe(connections[0].id);
      // A pull of the new account imports nothing and cancels nothing.
      const pull = await owner.client.post('/api/appointments/sync');
      expect(pull.json().data).toMatchObject({ synced: 0, cancelled: 0 });
      expect((await owner.client.get(`/api/appointments/${appointment.id}`)).json().data.status).toBe(
        'confirmed',
      );
    });

    it('links the events it wrote before when the same calendar is connected again, never copying them', async () => {
      const email = 'reconnected@clinic.example';
      const owner = await connectedPractice(email);
      const appointment = await book(owner, utcAt(20, '09:00'), utcAt(20, '10:00'), 'Booked by phone');
      // An assistant booking: its event carries booked_by=assistant, like the events assistants write.
      await t.database.db
        .update(appointments)
        .set({ source: 'assistant' })
        .where(eq(appointments.id, appointment.id));
      await owner.client.put(`/api/appointments/${appointment.id}`, { title: 'Booked by the assistant' });
      expect(await drainOutbox(ctx)).toMatchObject({ done: 1, failed: 0 });
      expect((await calendar.events(email))[0]!.metadata.booked_by).toBe('assistant');

      const [connection] = (await owner.client.get('/api/calendar')).json().data;
      expect((await owner.client.delete(`/api/calendar?id=${connection.id}`)).statusCode).toBe(200);
      const renamed = await owner.client.put(`/api/appointments/${appointment.id}`, {
        title: 'Renamed while disconnected',
      });
      expect(renamed.statusCode, renamed.body).toBe(200);

      await calendar.connect(owner.client, email);
      const pull = await owner.client.post('/api/appointments/sync');
      expect(pull.json().data).toMatchObject({ synced: 0, cancelled: 0 });
      expect(await drainOutbox(ctx)).toMatchObject({ done: 1, failed: 0 });

      const events = await calendar.events(email);
      expect(events.map((e) => [e.summary, e.metadata.rendezvous_appointment_id])).toEqual([
        ['Renamed while disconnected', appointment.id],
      ]);
      const rows = await t.database.db
        .select()
        .from(appointments)
        .where(eq(appointments.tenantId, owner.tenantId));
      expect(rows).toHaveLength(1);
      expect(await linksOf(owner.tenantId)).toHaveLength(1);
    });
  });

  describe('a calendar read before our pushes reached it', () => {
    it('still notices an event we pushed that a person deleted before the next pull', async () => {
      const email = 'read-early@clinic.example';
      const owner = await connectedPractice(email);
      // The first pull reads the calendar while it is still empty.
      expect((await owner.client.post('/api/appointments/sync')).statusCode).toBe(200);
      const kept = await book(owner, utcAt(23, '09:00'), utcAt(23, '10:00'), 'Kept');
      const deleted = await book(owner, utcAt(23, '11:00'), utcAt(23, '12:00'), 'Deleted');
      expect(await drainOutbox(ctx)).toMatchObject({ done: 2, failed: 0 });
      const events = await calendar.events(email);
      const eventOf = (id: string) => events.find((e) => e.metadata.rendezvous_appointment_id === id)!.id;
      await calendar.edit(email, eventOf(kept.id), { summary: 'Kept (edited)' });
      await calendar.remove(email, eventOf(deleted.id));

      const pull = await owner.client.post('/api/appointments/sync');
      expect(pull.json().data).toMatchObject({ cancelled: 1 });
      const status = async (id: string) =>
        (await owner.client.get(`/api/appointments/${id}`)).json().data as { status: string; title: string };
      expect(await status(deleted.id)).toMatchObject({ status: 'cancelled' });
      expect(await status(kept.id)).toMatchObject({ status: 'confirmed', title: 'Kept (edited)' });
    });
  });

  describe('an expired connection', () => {
    it('parks pushes while access is revoked, and drains them after reconnecting', async () => {
      const email = 'parked@clinic.example';
      const owner = await connectedPractice(email);
      await calendar.revokeAccess(email);

      await book(owner, utcAt(16, '09:00'), utcAt(16, '10:00'));
      expect(await drainOutbox(ctx)).toMatchObject({ parked: 1 });
      const [connection] = (await owner.client.get('/api/calendar')).json().data;
      expect(connection).toMatchObject({ status: 'expired', needsReconnect: true });
      const second = await book(owner, utcAt(17, '09:00'), utcAt(17, '10:00'));
      expect((await owner.client.get(`/api/appointments/${second.id}`)).statusCode).toBe(200);

      await calendar.connect(owner.client, email);
      expect(await drainOutbox(ctx)).toMatchObject({ done: 2 });
      expect(await calendar.events(email)).toHaveLength(2);
    });
  });
});
