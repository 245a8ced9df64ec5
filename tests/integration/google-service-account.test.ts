import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { storeCalendarConnection } from '../../src/calendar/connections/store-calendar-connection.ts';
import { calendarConnections } from '../../src/db/schema/index.ts';
import type { App } from '../../src/server/app.ts';
import { assistantEvent, control, startGoogle } from '../support/google.ts';
import { addMember, type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let google: RunningEmulator;
let t: TestApp;
let serviceAccountEnv: Record<string, string>;
/** The server's first practice: the self-hosting clinic whose calendar the service account reads. */
let clinic: SignedUpOwner;
const clinicCalendar = 'front-desk@clinic.example';
const belongsElsewhere = "This server's service-account calendar belongs to another practice";

beforeAll(async () => {
  const started = await startGoogle();
  google = started.emulator;
  await control(google, 'POST', 'calendars', { id: clinicCalendar, owner: clinicCalendar });
  const { keyFile } = await control(google, 'POST', 'service-accounts', {
    name: 'clinic-sync',
    calendars: [clinicCalendar],
  });
  // The key file's own token_uri must be used: point the global token URL elsewhere to prove it.
  serviceAccountEnv = {
    ...started.env,
    GOOGLE_TOKEN_URL: 'http://127.0.0.1:9/token-url-that-must-not-be-used',
    GOOGLE_SERVICE_ACCOUNT_JSON: JSON.stringify(keyFile),
    GOOGLE_CALENDAR_ID: clinicCalendar,
  };
  t = await createTestApp({ env: serviceAccountEnv });
  clinic = await signUpOwner(t.app, { organizationName: 'Front Desk Clinic' });
});
afterAll(async () => {
  await t.close();
  await google.close();
});

/** The practice's rows in calendar_connections, read from the table itself. */
function storedConnections(tenantId: string) {
  return t.database.db.select().from(calendarConnections).where(eq(calendarConnections.tenantId, tenantId));
}

/** The same people, on the server restarted with other settings over the same database. */
async function restartedWith(
  env: Record<string, string>,
): Promise<{ app: App; as: (who: TestClient) => TestClient }> {
  const restarted = await createTestApp({
    // The same key: sessions and sealed tokens stay readable, as across a real restart.
    env: { ...serviceAccountEnv, ENCRYPTION_KEY: t.config.encryptionKey, ...env },
    database: t.database,
  });
  return { app: restarted.app, as: (who) => new TestClient(restarted.app, who.cookie) };
}

describe('service-account mode (spec 002)', () => {
  it("offers the calendar to the server's first practice, connects it with the key file's token_uri and imports from it", async () => {
    const before = (await clinic.client.get('/api/calendar/status')).json().data;
    expect(before.service_account).toEqual({
      calendar_id: clinicCalendar,
      is_connected: false,
      can_connect: true,
    });

    const connect = await clinic.client.post('/api/calendar/service-account');
    expect(connect.statusCode, connect.body).toBe(201);
    expect(connect.json().data).toMatchObject({
      authType: 'service_account',
      calendarId: clinicCalendar,
      status: 'active',
    });
    expect(connect.json().data.email).toMatch(/^clinic-sync@/);
    const after = (await clinic.client.get('/api/calendar/status')).json().data;
    expect(after.service_account).toEqual({
      calendar_id: clinicCalendar,
      is_connected: true,
      can_connect: false,
    });

    await control(google, 'POST', 'seed', {
      calendarId: clinicCalendar,
      events: [assistantEvent({ start: '2031-01-06T09:00:00Z', end: '2031-01-06T09:30:00Z' })],
    });
    const sync = await clinic.client.post('/api/appointments/sync');
    expect(sync.json().data).toMatchObject({ synced: 1, connections: [{ status: 'active' }] });
  });

  it('keeps one connection when the practice connects it again, whoever of its staff does', async () => {
    const [first] = await storedConnections(clinic.tenantId);
    const admin = await addMember(t.app, clinic.client, 'admin');

    for (const who of [clinic.client, admin.client]) {
      const again = await who.post('/api/calendar/service-account');
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json().data).toMatchObject({ id: first!.id, status: 'active' });
    }
    const rows = await storedConnections(clinic.tenantId);
    expect(rows.map((row) => [row.id, row.userId])).toEqual([[first!.id, clinic.userId]]);
  });

  it('refuses another practice signed up on the same server, and stores nothing for it', async () => {
    const stranger = await signUpOwner(t.app, { organizationName: 'Somebody Else' });
    const status = (await stranger.client.get('/api/calendar/status')).json().data;
    expect(status.service_account).toBeNull();

    const connect = await stranger.client.post('/api/calendar/service-account');
    expect(connect.statusCode).toBe(403);
    expect(connect.json().error).toMatchObject({ code: 'FORBIDDEN' });
    expect(connect.json().error.message).toContain(belongsElsewhere);
    expect(await storedConnections(stranger.tenantId)).toEqual([]);
    // Its admins are refused alike.
    const admin = await addMember(t.app, stranger.client, 'admin');
    expect((await admin.client.post('/api/calendar/service-account')).statusCode).toBe(403);
    expect(await storedConnections(stranger.tenantId)).toEqual([]);
  });

  it('is refused to clients, even of the practice it belongs to', async () => {
    const client = await addMember(t.app, clinic.client, 'client');
    expect((await client.client.post('/api/calendar/service-account')).statusCode).toBe(403);
    const status = (await client.client.get('/api/calendar/status')).json().data;
    expect(status.service_account).toMatchObject({ can_connect: false });
    expect(await storedConnections(clinic.tenantId)).toHaveLength(1);
  });

  it('belongs to the practice GOOGLE_SERVICE_ACCOUNT_PRACTICE names by id, and no longer to the first', async () => {
    const second = await signUpOwner(t.app, { organizationName: 'Second Practice' });
    const server = await restartedWith({ GOOGLE_SERVICE_ACCOUNT_PRACTICE: second.tenantId });
    try {
      const refused = await server.as(clinic.client).post('/api/calendar/service-account');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toContain(belongsElsewhere);
      expect(
        (await server.as(clinic.client).get('/api/calendar/status')).json().data.service_account,
      ).toBeNull();

      const offered = (await server.as(second.client).get('/api/calendar/status')).json().data;
      expect(offered.service_account).toEqual({
        calendar_id: clinicCalendar,
        is_connected: false,
        can_connect: true,
      });
      const connect = await server.as(second.client).post('/api/calendar/service-account');
      expect(connect.statusCode, connect.body).toBe(201);
      expect(await storedConnections(second.tenantId)).toMatchObject([
        { authType: 'service_account', calendarId: clinicCalendar, status: 'active' },
      ]);

      // The first practice's connection, made before, stops at its next token.
      const [kept] = await storedConnections(clinic.tenantId);
      await t.database.db
        .update(calendarConnections)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(calendarConnections.id, kept!.id));
      const sync = (await server.as(clinic.client).post('/api/appointments/sync')).json().data;
      expect(sync.connections).toMatchObject([{ id: kept!.id, status: 'expired' }]);
      const [stopped] = await storedConnections(clinic.tenantId);
      expect(stopped).toMatchObject({ status: 'expired' });
      expect(stopped!.statusReason).toContain(belongsElsewhere);
    } finally {
      await server.app.close();
    }
  });

  it('takes the practice by its slug too', async () => {
    const third = await signUpOwner(t.app, { organizationName: 'Third Practice' });
    const slug = (await third.client.get('/api/me')).json().data.tenant.slug as string;
    const server = await restartedWith({ GOOGLE_SERVICE_ACCOUNT_PRACTICE: slug });
    try {
      expect((await server.as(third.client).post('/api/calendar/service-account')).statusCode).toBe(201);
      expect((await server.as(clinic.client).post('/api/calendar/service-account')).statusCode).toBe(403);
    } finally {
      await server.app.close();
    }
  });

  it('lets nobody connect it when GOOGLE_SERVICE_ACCOUNT_PRACTICE names no practice of this server', async () => {
    const server = await restartedWith({ GOOGLE_SERVICE_ACCOUNT_PRACTICE: 'a-practice-elsewhere' });
    try {
      expect((await server.as(clinic.client).post('/api/calendar/service-account')).statusCode).toBe(403);
      expect(
        (await server.as(clinic.client).get('/api/calendar/status')).json().data.service_account,
      ).toBeNull();
    } finally {
      await server.app.close();
    }
  });
});

describe('a connection of the service account stored for another practice before the fix', () => {
  it('stops at its next token instead of reading the clinic calendar', async () => {
    const stranger = await signUpOwner(t.app, { organizationName: 'Early Stranger' });
    // As POST /api/calendar/service-account stored it for any practice before it was bound.
    const early = await storeCalendarConnection(t.calendar, {
      tenantId: stranger.tenantId,
      userId: stranger.userId,
      provider: 'google',
      authType: 'service_account',
      email: 'clinic-sync@emulated.iam.gserviceaccount.com',
      calendarId: clinicCalendar,
      tokens: null,
    });
    const sync = (await stranger.client.post('/api/appointments/sync')).json().data;
    expect(sync).toMatchObject({ synced: 0, connections: [{ id: early.id, status: 'expired' }] });
    const [stopped] = await storedConnections(stranger.tenantId);
    expect(stopped!.statusReason).toContain(belongsElsewhere);
  });
});
