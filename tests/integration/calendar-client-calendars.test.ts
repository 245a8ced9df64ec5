import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../src/calendar/outbox/drain-outbox.ts';
import {
  appointments,
  calendarBusyBlocks,
  calendarConnections,
  calendarEventLinks,
} from '../../src/db/schema/index.ts';
import {
  assistantBooking,
  type CalendarHarness,
  calendarProviders,
  utcAt,
} from '../support/calendar-harness.ts';
import { addMember, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Spec 001 lets every member connect a calendar, so that their appointments are pushed to it. A
 * client's calendar is theirs, though: nothing in it may create, change or cancel an appointment
 * of the practice, or take time from a practitioner (src/calendar/sync/importing-calendars.ts).
 */
describe.each(calendarProviders)("a client's own $name", ({ start }) => {
  let calendar: CalendarHarness;
  let t: TestApp;

  beforeAll(async () => {
    calendar = await start();
    t = await createTestApp({ env: calendar.env });
  });
  afterAll(async () => {
    await t?.close();
    await calendar?.close();
  });

  async function connect(user: TestClient, email: string) {
    expect(await calendar.connect(user, email)).toContain(`connected=${calendar.provider}`);
  }

  async function sync(user: TestClient) {
    const response = await user.post('/api/appointments/sync');
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as { synced: number; created: number };
  }

  const appointmentsOf = (tenantId: string) =>
    t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.tenantId, tenantId))
      .orderBy(appointments.startTime);

  const busyOf = (userId: string) =>
    t.database.db.select().from(calendarBusyBlocks).where(eq(calendarBusyBlocks.userId, userId));

  /** What a client's calendar may hold: a booking dressed as the assistant's, and private life. */
  const forgedAndPrivate = (attendeeEmail: string) => [
    assistantBooking({
      start: utcAt(20, '09:00'),
      end: utcAt(20, '10:00'),
      summary: 'Consultation - Someone Else',
      email: attendeeEmail,
    }),
    { summary: 'Dentist (private)', start: utcAt(20, '14:00'), end: utcAt(20, '15:00') },
  ];

  it('imports nothing from it: no appointment for anyone, no busy time', async () => {
    const owner = await signUpOwner(t.app);
    const client = await addMember(t.app, owner.client, 'client', 'Mallory Client');
    const other = await addMember(t.app, owner.client, 'client', 'Jean Other');
    const email = `client-${calendar.provider}@mail.example`;
    await connect(client.client, email);
    const [, privateEvent] = await calendar.seed(email, forgedAndPrivate(other.email));
    // Busy time an earlier version kept from it goes too.
    const [connection] = await t.database.db
      .select()
      .from(calendarConnections)
      .where(eq(calendarConnections.userId, client.userId));
    await t.database.db.insert(calendarBusyBlocks).values({
      tenantId: owner.tenantId,
      connectionId: connection!.id,
      userId: client.userId,
      externalEventId: privateEvent!,
      startTime: new Date(utcAt(20, '14:00')),
      endTime: new Date(utcAt(20, '15:00')),
    });

    // By the client's Sync button, and by the practice's.
    expect(await sync(client.client)).toMatchObject({ synced: 0, created: 0 });
    expect(await sync(owner.client)).toMatchObject({ synced: 0, created: 0 });

    expect(await appointmentsOf(owner.tenantId)).toEqual([]);
    expect((await other.client.get('/api/appointments')).json().data).toEqual([]);
    expect(await busyOf(client.userId)).toEqual([]);
  });

  it('imports the same events from a practitioner’s calendar, as before', async () => {
    const owner = await signUpOwner(t.app);
    const admin = await addMember(t.app, owner.client, 'admin', 'Dr Admin');
    const other = await addMember(t.app, owner.client, 'client', 'Jean Other');
    const email = `admin-${calendar.provider}@clinic.example`;
    await connect(admin.client, email);
    await calendar.seed(email, forgedAndPrivate(other.email));

    expect(await sync(admin.client)).toMatchObject({ created: 1 });
    const rows = await appointmentsOf(owner.tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: 'assistant',
      status: 'confirmed',
      userId: other.userId,
      assignedAdminId: admin.userId,
    });
    expect((await busyOf(admin.userId)).map((b) => b.startTime.toISOString())).toEqual([utcAt(20, '14:00')]);
  });

  it("names the event of the practitioner's calendar first, even when the client's copy is older", async () => {
    const owner = await signUpOwner(t.app);
    const client = await addMember(t.app, owner.client, 'client', 'Cleo Client');
    await connect(client.client, `cleo-${calendar.provider}@mail.example`);
    const response = await client.client.post('/api/appointments', {
      title: 'Check-up',
      startTime: utcAt(27, '09:00'),
      endTime: utcAt(27, '10:00'),
    });
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().data.id as string;
    expect(await drainOutbox(t.calendar)).toMatchObject({ done: 1, failed: 0 });
    // The practitioner connects later: the first pull queues the push into their calendar.
    const practiceEmail = `practice-${calendar.provider}@clinic.example`;
    await connect(owner.client, practiceEmail);
    await sync(owner.client);
    expect(await drainOutbox(t.calendar)).toMatchObject({ done: 1, failed: 0 });
    const [practiceEvent] = await calendar.events(practiceEmail);
    expect(practiceEvent).toBeDefined();
    const expected = {
      googleEventId: calendar.provider === 'google' ? practiceEvent!.id : null,
      microsoftEventId: calendar.provider === 'microsoft' ? practiceEvent!.id : null,
      calendarEventId: practiceEvent!.id,
    };
    // The same for the client, on their own appointment, and for the practice.
    expect((await client.client.get(`/api/appointments/${id}`)).json().data).toMatchObject(expected);
    expect((await client.client.get('/api/appointments')).json().data).toMatchObject([expected]);
    expect((await owner.client.get(`/api/appointments/${id}`)).json().data).toMatchObject(expected);
  });

  it('lets the client move or delete the copies we pushed without changing the appointments', async () => {
    const owner = await signUpOwner(t.app);
    const client = await addMember(t.app, owner.client, 'client', 'Clara Client');
    const email = `copies-${calendar.provider}@mail.example`;
    await connect(client.client, email);
    const request = async (day: number, title: string) => {
      const response = await client.client.post('/api/appointments', {
        title,
        startTime: utcAt(day, '09:00'),
        endTime: utcAt(day, '10:00'),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().data.id as string;
    };
    const moved = await request(25, 'Moved by the client');
    const deleted = await request(26, 'Deleted by the client');
    expect(await drainOutbox(t.calendar)).toMatchObject({ done: 2, failed: 0 });
    expect(await sync(client.client)).toMatchObject({ synced: 0 });
    const eventOf = async (appointmentId: string) =>
      (
        await t.database.db
          .select()
          .from(calendarEventLinks)
          .where(eq(calendarEventLinks.appointmentId, appointmentId))
      )[0]!.externalEventId;
    const movedEvent = await eventOf(moved);
    // The client sees the event of their own calendar on their appointment: the practitioner
    // has no calendar here, so the copy in the client's is the only event of the appointment.
    const own = await client.client.get(`/api/appointments/${moved}`);
    expect(own.json().data).toMatchObject({
      googleEventId: calendar.provider === 'google' ? movedEvent : null,
      microsoftEventId: calendar.provider === 'microsoft' ? movedEvent : null,
      calendarEventId: movedEvent,
    });
    const moveInCalendar = (hour: string, summary: string) =>
      calendar.edit(email, movedEvent, {
        start: utcAt(25, `${hour}:00`),
        end: utcAt(25, `${hour}:30`),
        summary,
      });

    // Read back by the next pulls, the client's and the practice's: nothing changes.
    await moveInCalendar('13', 'Moved to the afternoon');
    await calendar.remove(email, await eventOf(deleted));
    expect(await sync(client.client)).toMatchObject({ synced: 0 });
    expect(await sync(owner.client)).toMatchObject({ synced: 0 });
    const asBooked = async () =>
      (await appointmentsOf(owner.tenantId)).map((a) => [a.title, a.status, a.startTime.toISOString()]);
    expect(await asBooked()).toEqual([
      ['Moved by the client', 'pending', utcAt(25, '09:00')],
      ['Deleted by the client', 'pending', utcAt(26, '09:00')],
    ]);

    // The practice confirms both and names the room; the client moves one again, later than
    // that, before it is pushed. The pushes meet the client's edit and deletion, and the
    // appointments win: the calendar shows them as they are again.
    for (const id of [moved, deleted]) {
      const confirmed = await owner.client.put(`/api/appointments/${id}`, {
        status: 'confirmed',
        description: 'Room 2',
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
    }
    await moveInCalendar('16', 'Moved again');
    expect(await drainOutbox(t.calendar)).toMatchObject({ done: 2, failed: 0 });
    expect(await asBooked()).toEqual([
      ['Moved by the client', 'confirmed', utcAt(25, '09:00')],
      ['Deleted by the client', 'confirmed', utcAt(26, '09:00')],
    ]);
    const upstream = (await calendar.events(email))
      .map((e) => [e.summary, e.description, e.start.toISOString()])
      .sort((a, b) => a[2]!.localeCompare(b[2]!));
    expect(upstream).toEqual([
      ['Moved by the client', 'Room 2', utcAt(25, '09:00')],
      ['Deleted by the client', 'Room 2', utcAt(26, '09:00')],
    ]);
    expect(await sync(owner.client)).toMatchObject({ synced: 0 });
    expect(await asBooked()).toEqual([
      ['Moved by the client', 'confirmed', utcAt(25, '09:00')],
      ['Deleted by the client', 'confirmed', utcAt(26, '09:00')],
    ]);
  });
});
