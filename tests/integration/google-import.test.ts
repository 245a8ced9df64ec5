import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { syncAppointmentsForAllTenants } from '../../src/calendar/sync/sync-all-tenants.ts';
import {
  appointmentEvents,
  appointments,
  calendarBusyBlocks,
  calendarConnections,
  syncRuns,
} from '../../src/db/schema/index.ts';
import { assistantEvent, consentThroughGoogle, control, startGoogle } from '../support/google.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let google: RunningEmulator;
let t: TestApp;
const sleeps: number[] = [];

beforeAll(async () => {
  const started = await startGoogle();
  google = started.emulator;
  t = await createTestApp({
    env: started.env,
    calendarRetry: { sleep: async (ms) => void sleeps.push(ms), baseDelayMs: 1 },
  });
});
afterAll(async () => {
  await t.close();
  await google.close();
});

/** A practice whose owner connected the Google calendar `email`. */
async function connectedPractice(email: string): Promise<SignedUpOwner> {
  const owner = await signUpOwner(t.app);
  await control(google, 'POST', 'accounts', { email });
  const location = await consentThroughGoogle(owner.client, google, { email });
  expect(location).toContain('connected=google');
  return owner;
}

const seed = (calendarId: string, events: unknown[]) =>
  control(google, 'POST', 'seed', { calendarId, events });
const upstream = (method: string, calendarId: string, eventId: string, body?: unknown) =>
  control(google, method, `calendars/${encodeURIComponent(calendarId)}/events/${eventId}`, body);

async function sync(owner: SignedUpOwner) {
  const response = await owner.client.post('/api/appointments/sync');
  expect(response.statusCode).toBe(200);
  return response.json();
}

const appointmentsOf = (tenantId: string) =>
  t.database.db
    .select()
    .from(appointments)
    .where(eq(appointments.tenantId, tenantId))
    .orderBy(appointments.startTime);

beforeEach(() => {
  sleeps.length = 0;
});

describe('importing assistant bookings from Google Calendar', () => {
  it('imports assistant-booked events with their metadata and keeps other events as busy time', async () => {
    const email = 'import@clinic.example';
    const owner = await connectedPractice(email);
    await seed(email, [
      assistantEvent({ start: '2030-03-04T09:00:00+01:00', end: '2030-03-04T09:30:00+01:00' }),
      assistantEvent({
        start: '2030-03-05T14:00:00+01:00',
        end: '2030-03-05T15:00:00+01:00',
        summary: 'Amina Haddad – Follow-up',
        email: 'Amina@Example.com',
        service: 'Follow-up',
        patientType: 'returning',
      }),
      {
        summary: 'Dentist (personal)',
        start: { dateTime: '2030-03-04T12:00:00+01:00' },
        end: { dateTime: '2030-03-04T13:00:00+01:00' },
      },
      {
        summary: 'Focus time',
        transparency: 'transparent',
        start: { dateTime: '2030-03-04T16:00:00+01:00' },
        end: { dateTime: '2030-03-04T17:00:00+01:00' },
      },
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
    });
    expect(rows[0]!.startTime.toISOString()).toBe('2030-03-04T08:00:00.000Z');
    expect(rows[1]).toMatchObject({
      attendeeName: 'Amina Haddad',
      attendeeEmail: 'amina@example.com',
      patientType: 'returning',
    });

    const busy = await t.database.db
      .select()
      .from(calendarBusyBlocks)
      .where(eq(calendarBusyBlocks.tenantId, owner.tenantId));
    expect(busy.map((b) => b.startTime.toISOString())).toEqual(['2030-03-04T11:00:00.000Z']);

    const history = await t.database.db
      .select()
      .from(appointmentEvents)
      .where(eq(appointmentEvents.appointmentId, rows[0]!.id));
    expect(history).toMatchObject([{ actorType: 'calendar', action: 'created' }]);
  });

  it('follows moves, edits and cancellations upstream, and writes nothing when nothing changed', async () => {
    const email = 'follow@clinic.example';
    const owner = await connectedPractice(email);
    const { ids } = await seed(email, [
      assistantEvent({ start: '2030-04-01T09:00:00Z', end: '2030-04-01T09:30:00Z' }),
      assistantEvent({
        start: '2030-04-02T09:00:00Z',
        end: '2030-04-02T09:30:00Z',
        summary: 'Consultation - Marc Petit',
      }),
      assistantEvent({
        start: '2030-04-03T09:00:00Z',
        end: '2030-04-03T09:30:00Z',
        summary: 'Consultation - Léa Roux',
      }),
    ]);
    await sync(owner);

    await upstream('PATCH', email, ids[0], {
      start: { dateTime: '2030-04-01T15:00:00Z' },
      end: { dateTime: '2030-04-01T16:00:00Z' },
    });
    await upstream('PATCH', email, ids[1], {
      description: 'Bring the X-rays',
      extendedProperties: { private: { phone: '+33 7 00 00 00 00' } },
    });
    await upstream('DELETE', email, ids[2]);

    const result = await sync(owner);
    expect(result.data).toMatchObject({ synced: 3, updated: 2, cancelled: 1, created: 0 });
    const rows = await appointmentsOf(owner.tenantId);
    expect(rows).toHaveLength(3); // the cancelled one stays
    const byTitle = Object.fromEntries(rows.map((r) => [r.attendeeName, r]));
    expect(byTitle['Jean Dupont']!.startTime.toISOString()).toBe('2030-04-01T15:00:00.000Z');
    expect(byTitle['Jean Dupont']!.endTime.toISOString()).toBe('2030-04-01T16:00:00.000Z');
    expect(byTitle['Marc Petit']).toMatchObject({
      description: 'Bring the X-rays',
      attendeePhone: '+33 7 00 00 00 00',
    });
    expect(byTitle['Léa Roux']!.status).toBe('cancelled');

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

  it('re-reads everything when Google says the sync token expired (410), losing nothing', async () => {
    const email = 'gone@clinic.example';
    const owner = await connectedPractice(email);
    const { ids } = await seed(email, [
      assistantEvent({ start: '2030-05-01T09:00:00Z', end: '2030-05-01T09:30:00Z' }),
      assistantEvent({
        start: '2030-05-02T09:00:00Z',
        end: '2030-05-02T09:30:00Z',
        summary: 'Consultation - Marc Petit',
      }),
    ]);
    await sync(owner);
    await upstream('DELETE', email, ids[1]);
    await seed(email, [
      assistantEvent({
        start: '2030-05-03T09:00:00Z',
        end: '2030-05-03T09:30:00Z',
        summary: 'Consultation - Léa Roux',
      }),
    ]);
    await control(google, 'POST', 'expire-sync-tokens', { calendarId: email });

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

  it('waits as Google asks (429 with Retry-After) and then succeeds', async () => {
    const email = 'busy@clinic.example';
    const owner = await connectedPractice(email);
    await seed(email, [assistantEvent({ start: '2030-06-01T09:00:00Z', end: '2030-06-01T09:30:00Z' })]);
    await control(google, 'POST', 'faults', {
      method: 'GET',
      path: '/events$',
      status: 429,
      retryAfter: 7,
      times: 1,
    });
    await control(google, 'POST', 'faults', {
      method: 'GET',
      path: '/events$',
      status: 403,
      reason: 'rateLimitExceeded',
      times: 1,
    });
    const result = await sync(owner);
    expect(result.data).toMatchObject({ synced: 1 });
    expect(sleeps[0]).toBeGreaterThanOrEqual(7000);
    expect(sleeps).toHaveLength(2);
  });

  it('marks the connection expired when the refresh token is revoked, and keeps every appointment', async () => {
    const email = 'revoked@clinic.example';
    const owner = await connectedPractice(email);
    await seed(email, [assistantEvent({ start: '2030-07-01T09:00:00Z', end: '2030-07-01T09:30:00Z' })]);
    await sync(owner);
    await control(google, 'POST', 'revoke', { email });
    // An hour later the access token has expired on both sides and must be refreshed.
    await control(google, 'POST', 'clock', { advanceMs: 3_700_000 });
    await t.database.db
      .update(calendarConnections)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(calendarConnections.tenantId, owner.tenantId));

    const result = await sync(owner);
    expect(result.data.synced).toBe(0);
    expect(result.data.connections).toMatchObject([{ status: 'expired', needsReconnect: true }]);
    const list = (await owner.client.get('/api/calendar')).json().data;
    expect(list).toMatchObject([{ status: 'expired', needsReconnect: true, isActive: false }]);
    expect(await appointmentsOf(owner.tenantId)).toMatchObject([
      { status: 'confirmed', attendeeName: 'Jean Dupont' },
    ]);

    // A later sync does not hammer Google with a dead token: it reports the state again.
    const again = await sync(owner);
    expect(again.data.connections).toMatchObject([{ status: 'expired', needsReconnect: true }]);

    // Reconnecting revives the same connection; its bookings are not imported twice.
    await consentThroughGoogle(owner.client, google, { email });
    const revived = await sync(owner);
    expect(revived.data.connections).toMatchObject([{ status: 'active' }]);
    expect(await appointmentsOf(owner.tenantId)).toHaveLength(1);
  });

  it('imports a booking that overlaps another one without losing it, unassigned and counted as a conflict', async () => {
    const email = 'double@clinic.example';
    const owner = await connectedPractice(email);
    await seed(email, [
      assistantEvent({ start: '2030-08-01T09:00:00Z', end: '2030-08-01T10:00:00Z' }),
      assistantEvent({
        start: '2030-08-01T09:30:00Z',
        end: '2030-08-01T10:30:00Z',
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
    await seed(email, [assistantEvent({ start: '2030-09-01T09:00:00Z', end: '2030-09-01T09:30:00Z' })]);
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
    await seed('healthy@clinic.example', [
      assistantEvent({ start: '2030-10-01T09:00:00Z', end: '2030-10-01T09:30:00Z' }),
    ]);
    await seed('broken@clinic.example', [
      assistantEvent({ start: '2030-10-01T09:00:00Z', end: '2030-10-01T09:30:00Z' }),
    ]);
    // The broken practice's calendar was deleted on Google's side: every read of it fails.
    await t.database.db
      .update(calendarConnections)
      .set({ calendarId: 'deleted-calendar@group.calendar.google.com' })
      .where(eq(calendarConnections.tenantId, broken.tenantId));
    try {
      const ctx = createCalendarContext(t.database.db, t.config, { sleep: async () => {}, attempts: 2 });
      const summaries = await syncAppointmentsForAllTenants(ctx, { concurrency: 4 });
      const byTenant = Object.fromEntries(summaries.map((s) => [s.tenantId, s]));
      expect(byTenant[healthy.tenantId]).toMatchObject({ synced: 1, failed: 0 });
      expect(byTenant[broken.tenantId]).toMatchObject({ synced: 0, failed: 1 });
      expect(byTenant[broken.tenantId]!.connections[0]!.error).toMatchObject({ code: 'provider_error' });
      const failedRuns = await t.database.db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.tenantId, broken.tenantId), eq(syncRuns.status, 'failed')));
      expect(failedRuns.length).toBeGreaterThan(0);
    } finally {
      await control(google, 'DELETE', 'faults');
    }
  });
});
