import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { type CalendarContext, createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { drainOutbox } from '../../src/calendar/outbox/drain-outbox.ts';
import {
  appointmentEvents,
  appointments,
  calendarConnections,
  calendarEventLinks,
  calendarOutbox,
} from '../../src/db/schema/index.ts';
import { consentThroughGoogle, control, startGoogle } from '../support/google.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let google: RunningEmulator;
let t: TestApp;
let ctx: CalendarContext;

beforeAll(async () => {
  const started = await startGoogle();
  google = started.emulator;
  t = await createTestApp({ env: started.env });
  ctx = createCalendarContext(t.database.db, t.config, { sleep: async () => {} });
});
afterAll(async () => {
  await t.close();
  await google.close();
});

async function connectedPractice(email: string): Promise<SignedUpOwner> {
  const owner = await signUpOwner(t.app);
  await control(google, 'POST', 'accounts', { email });
  expect(await consentThroughGoogle(owner.client, google, { email })).toContain('connected=google');
  return owner;
}

/** Every event of a calendar as Google holds it, cancelled ones included. */
async function googleEvents(email: string) {
  const { items } = await control(google, 'GET', `calendars/${encodeURIComponent(email)}/events`);
  return items as {
    id: string;
    status: string;
    summary?: string;
    start: { dateTime: string };
    extendedProperties?: { private?: Record<string, string> };
  }[];
}
const liveEvents = async (email: string) =>
  (await googleEvents(email)).filter((e) => e.status !== 'cancelled');

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

describe('Rendezvous → Google', () => {
  it('creates, moves and cancels the Google event as the appointment changes, without echoes', async () => {
    const email = 'push@clinic.example';
    const owner = await connectedPractice(email);
    const appointment = await book(owner, '2031-02-03T09:00:00.000Z', '2031-02-03T10:00:00.000Z');

    expect(await drainOutbox(ctx)).toMatchObject({ done: 1, failed: 0 });
    let events = await liveEvents(email);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      summary: 'Initial consultation',
      start: { dateTime: expect.stringMatching(/^2031-02-03T(09:00:00(\.000)?Z|10:00:00\+01:00)/) },
    });
    expect(events[0]!.extendedProperties?.private).toMatchObject({
      rendezvous_appointment_id: appointment.id,
      booked_by: 'rendezvous',
    });

    const moved = await owner.client.put(`/api/appointments/${appointment.id}`, {
      startTime: '2031-02-03T14:00:00.000Z',
      endTime: '2031-02-03T15:00:00.000Z',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await drainOutbox(ctx);
    events = await liveEvents(email);
    expect(events).toHaveLength(1);
    expect(new Date(events[0]!.start.dateTime).toISOString()).toBe('2031-02-03T14:00:00.000Z');

    // Our own write comes back on the next pull: recognised by its etag, nothing is re-applied.
    const versionBefore = (
      await t.database.db.select().from(appointments).where(eq(appointments.id, appointment.id))
    )[0]!.version;
    const pull = await owner.client.post('/api/appointments/sync');
    expect(pull.json().data).toMatchObject({ synced: 0 });
    const versionAfter = (
      await t.database.db.select().from(appointments).where(eq(appointments.id, appointment.id))
    )[0]!.version;
    expect(versionAfter).toBe(versionBefore);

    const cancel = await owner.client.put(`/api/appointments/${appointment.id}`, { status: 'cancelled' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await drainOutbox(ctx);
    expect(await liveEvents(email)).toHaveLength(0);
    expect(
      await t.database.db
        .select()
        .from(calendarEventLinks)
        .where(eq(calendarEventLinks.appointmentId, appointment.id)),
    ).toHaveLength(0);
  });

  it('books locally while Google is down and reaches Google once it is back, exactly once', async () => {
    const email = 'down@clinic.example';
    const owner = await connectedPractice(email);
    await control(google, 'POST', 'faults', { method: 'POST', path: '/events$', status: 500, times: 3 });
    const appointment = await book(owner, '2031-03-03T09:00:00.000Z', '2031-03-03T10:00:00.000Z');
    expect((await owner.client.get(`/api/appointments/${appointment.id}`)).statusCode).toBe(200);

    expect(await drainOutbox(ctx)).toMatchObject({ done: 0, retried: 1 });
    for (let i = 0; i < 3; i++) {
      await makeRetriesDue();
      await drainOutbox(ctx);
    }
    const events = await liveEvents(email);
    expect(events).toHaveLength(1);
    expect(events[0]!.extendedProperties?.private?.rendezvous_appointment_id).toBe(appointment.id);
  });

  it('never creates a second event when the answer to a create was lost', async () => {
    const email = 'lost@clinic.example';
    const owner = await connectedPractice(email);
    const appointment = await book(owner, '2031-04-07T09:00:00.000Z', '2031-04-07T10:00:00.000Z');
    await drainOutbox(ctx);
    // Simulate a worker that crashed after Google created the event but before the link was saved.
    await t.database.db
      .delete(calendarEventLinks)
      .where(eq(calendarEventLinks.appointmentId, appointment.id));
    await owner.client.put(`/api/appointments/${appointment.id}`, { title: 'Initial consultation (2h)' });
    await drainOutbox(ctx);
    const events = await liveEvents(email);
    expect(events).toHaveLength(1);
  });
});

describe('Google → Rendezvous for events we pushed', () => {
  it('follows an upstream move, edit and deletion', async () => {
    const email = 'upstream@clinic.example';
    const owner = await connectedPractice(email);
    const first = await book(owner, '2031-06-02T09:00:00.000Z', '2031-06-02T10:00:00.000Z');
    const second = await book(owner, '2031-06-03T09:00:00.000Z', '2031-06-03T10:00:00.000Z', 'Follow-up');
    await drainOutbox(ctx);
    const links = await t.database.db
      .select()
      .from(calendarEventLinks)
      .where(eq(calendarEventLinks.tenantId, owner.tenantId));
    const eventOf = (id: string) => links.find((l) => l.appointmentId === id)!.externalEventId;

    await control(google, 'PATCH', `calendars/${encodeURIComponent(email)}/events/${eventOf(first.id)}`, {
      start: { dateTime: '2031-06-02T11:00:00Z' },
      end: { dateTime: '2031-06-02T12:30:00Z' },
      summary: 'Initial consultation — bring X-rays',
    });
    await control(google, 'DELETE', `calendars/${encodeURIComponent(email)}/events/${eventOf(second.id)}`);

    const pull = await owner.client.post('/api/appointments/sync');
    expect(pull.json().data).toMatchObject({ updated: 1, cancelled: 1 });
    const rows = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.tenantId, owner.tenantId))
      .orderBy(appointments.startTime);
    expect(rows[0]).toMatchObject({ title: 'Initial consultation — bring X-rays', status: 'confirmed' });
    expect(rows[0]!.startTime.toISOString()).toBe('2031-06-02T11:00:00.000Z');
    expect(rows[0]!.endTime.toISOString()).toBe('2031-06-02T12:30:00.000Z');
    expect(rows[1]!.status).toBe('cancelled');
    // Nothing to push back: the change came from that calendar.
    expect(await drainOutbox(ctx)).toMatchObject({ claimed: 0 });
  });

  it('resolves an edit made on both sides by the later one, keeping the other in the audit trail', async () => {
    const email = 'conflict@clinic.example';
    const owner = await connectedPractice(email);
    const appointment = await book(owner, '2031-07-07T09:00:00.000Z', '2031-07-07T10:00:00.000Z');
    await drainOutbox(ctx);
    const [link] = await t.database.db
      .select()
      .from(calendarEventLinks)
      .where(eq(calendarEventLinks.appointmentId, appointment.id));

    // Upstream edit first, then a later local edit, before any sync: the local one is newer and wins.
    await control(google, 'PATCH', `calendars/${encodeURIComponent(email)}/events/${link!.externalEventId}`, {
      summary: 'Edited in Google',
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await owner.client.put(`/api/appointments/${appointment.id}`, { title: 'Edited in Rendezvous' });
    await drainOutbox(ctx);
    expect((await liveEvents(email))[0]!.summary).toBe('Edited in Rendezvous');
    await owner.client.post('/api/appointments/sync');
    const [row] = await t.database.db.select().from(appointments).where(eq(appointments.id, appointment.id));
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
    expect(notes[0]!.before).toMatchObject({ summary: 'Edited in Google' });
  });
});

// Last: it moves the emulator's clock an hour ahead, which would skew the conflict test's timestamps.
describe('an expired connection', () => {
  it('parks pushes while the token is revoked, and drains them after reconnecting', async () => {
    const email = 'parked@clinic.example';
    const owner = await connectedPractice(email);
    await control(google, 'POST', 'revoke', { email });
    await control(google, 'POST', 'clock', { advanceMs: 3_700_000 });
    await t.database.db
      .update(calendarConnections)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(calendarConnections.tenantId, owner.tenantId));

    await book(owner, '2031-05-05T09:00:00.000Z', '2031-05-05T10:00:00.000Z');
    expect(await drainOutbox(ctx)).toMatchObject({ parked: 1 });
    const [connection] = (await owner.client.get('/api/calendar')).json().data;
    expect(connection).toMatchObject({ status: 'expired', needsReconnect: true });
    const second = await book(owner, '2031-05-06T09:00:00.000Z', '2031-05-06T10:00:00.000Z');
    expect((await owner.client.get(`/api/appointments/${second.id}`)).statusCode).toBe(200);

    await consentThroughGoogle(owner.client, google, { email });
    expect(await drainOutbox(ctx)).toMatchObject({ done: 2 });
    expect(await liveEvents(email)).toHaveLength(2);
  });
});
