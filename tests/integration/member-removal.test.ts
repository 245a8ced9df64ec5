import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, calendarConnections, users } from '../../src/db/schema/index.ts';
import {
  type CalendarHarness,
  type NotificationRelay,
  startGoogleHarness,
  startNotificationRelay,
} from '../support/calendar-harness.ts';
import { control } from '../support/google.ts';
import { addMember, type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp, testPublicUrl } from '../support/test-app.ts';

/**
 * DELETE /api/admin/users/:id removes the person's account with their membership: a person
 * belongs to one practice. Before, the account stayed behind: its email could not be added
 * again ("An account with this email already exists"), and a departed practitioner's Google
 * calendar went on feeding the practice's busy time and receiving its pushes.
 */
let relay: NotificationRelay;
let calendar: CalendarHarness;
let t: TestApp;
let owner: SignedUpOwner;

beforeAll(async () => {
  relay = await startNotificationRelay();
  calendar = await startGoogleHarness();
  t = await createTestApp({
    env: { ...calendar.env, PUBLIC_URL: relay.url, ALLOWED_ORIGINS: testPublicUrl },
    jobs: { work: false },
  });
  relay.attach(t.app);
  owner = await signUpOwner(t.app, { organizationName: 'Cabinet Dubois' });
});
afterAll(async () => {
  await t?.close();
  await calendar?.close();
  await relay?.close();
});

let day = 0;
function nextSlot() {
  const start = new Date(Date.UTC(2030, 2, 4, 9) + day * 86_400_000);
  day += 1;
  return { startTime: start.toISOString(), endTime: new Date(start.getTime() + 3_600_000).toISOString() };
}

const channels = async (): Promise<{ id: string }[]> =>
  (await control(calendar.emulator, 'GET', 'state')).channels;
const signIn = (email: string, password: string) =>
  new TestClient(t.app).post('/api/auth/sign-in/email', { email, password });

describe('removing a member', () => {
  it('lets the practice add the same person again, as a new account', async () => {
    const jean = await addMember(t.app, owner.client, 'client', 'Jean Dupont');
    const booked = await owner.client.post('/api/appointments', {
      title: 'Consultation',
      userId: jean.userId,
      ...nextSlot(),
    });
    expect(booked.statusCode, booked.body).toBe(201);

    expect((await owner.client.delete(`/api/admin/users/${jean.userId}`)).statusCode).toBe(204);
    // Signed out at once, and their password no longer opens anything.
    expect((await jean.client.get('/api/me')).statusCode).toBe(401);
    expect((await signIn(jean.email, jean.password)).statusCode).toBe(401);
    // The appointment stays, under the name and email it was booked with.
    const [kept] = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.id, booked.json().data.id));
    expect(kept).toMatchObject({ userId: null, attendeeName: 'Jean Dupont', status: 'confirmed' });

    const again = await owner.client.post('/api/admin/users', {
      name: 'Jean Dupont',
      email: jean.email,
      password: 'a new good password',
      role: 'client',
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().data.id).not.toBe(jean.userId);
    const back = await signIn(jean.email, 'a new good password');
    expect(back.statusCode).toBe(200);
    // A fresh account: what was booked for the old one is the practice's record, not theirs.
    const returning = new TestClient(t.app, back.cookies.map((c) => `${c.name}=${c.value}`).join('; '));
    expect((await returning.get('/api/appointments')).json().data).toEqual([]);
  });

  it('disconnects a departing practitioner’s calendar, stopping its channel, and unassigns their appointments', async () => {
    const leaving = await addMember(t.app, owner.client, 'admin', 'Dr Leaving');
    expect(await calendar.connect(leaving.client, 'leaving@clinic.example')).toContain('connected=google');
    const watched = await owner.client.post('/api/calendar/setup-watch');
    expect(watched.statusCode, watched.body).toBe(200);
    const [{ channelId }] = watched.json().data as { channelId: string }[];
    expect((await channels()).map((c) => c.id)).toContain(channelId);
    const handled = await owner.client.post('/api/appointments', {
      title: 'Suivi',
      assignedAdminId: leaving.userId,
      ...nextSlot(),
    });
    expect(handled.statusCode, handled.body).toBe(201);

    expect((await owner.client.delete(`/api/admin/users/${leaving.userId}`)).statusCode).toBe(204);
    expect((await channels()).map((c) => c.id)).not.toContain(channelId);
    const connections = await t.database.db
      .select()
      .from(calendarConnections)
      .where(eq(calendarConnections.userId, leaving.userId));
    expect(connections).toEqual([]);
    expect((await owner.client.get('/api/calendar')).json().data).toEqual([]);
    const [unassigned] = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.id, handled.json().data.id));
    expect(unassigned).toMatchObject({ assignedAdminId: null, title: 'Suivi' });
    expect(await t.database.db.select().from(users).where(eq(users.id, leaving.userId))).toEqual([]);
  });

  it('still refuses the owner, oneself and another practice’s people, removing nothing', async () => {
    const admin = await addMember(t.app, owner.client, 'admin', 'Dr Admin');
    const other = await signUpOwner(t.app, { organizationName: 'Harbour Physio' });
    const theirs = await addMember(t.app, other.client, 'client', 'Not yours');
    expect((await admin.client.delete(`/api/admin/users/${owner.userId}`)).statusCode).toBe(403);
    expect((await admin.client.delete(`/api/admin/users/${admin.userId}`)).statusCode).toBe(403);
    expect((await owner.client.delete(`/api/admin/users/${theirs.userId}`)).statusCode).toBe(404);
    expect((await theirs.client.get('/api/me')).statusCode).toBe(200);
    expect((await admin.client.get('/api/me')).statusCode).toBe(200);
  });
});
