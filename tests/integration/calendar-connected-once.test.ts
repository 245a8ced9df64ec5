import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { appointments, calendarConnections } from '../../src/db/schema/index.ts';
import {
  assistantBooking,
  type CalendarHarness,
  calendarProviders,
  utcAt,
} from '../support/calendar-harness.ts';
import { consentThroughGoogle, startGoogleWithServiceAccount } from '../support/google.ts';
import { addMember, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * One calendar, one connection per practice (src/calendar/connections/same-calendar.ts): a
 * calendar connected twice would import each assistant booking twice and receive each
 * appointment twice.
 */
const connectionsOf = (t: TestApp, tenantId: string) =>
  t.database.db.select().from(calendarConnections).where(eq(calendarConnections.tenantId, tenantId));

describe.each(calendarProviders)('a $name account connected by two members of one practice', ({ start }) => {
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

  it('is connected once: the second member is told, and its bookings are imported once', async () => {
    const owner = await signUpOwner(t.app);
    const admin = await addMember(t.app, owner.client, 'admin', 'Dr Second');
    const frontDesk = `front-desk-${calendar.provider}@clinic.example`;

    expect(await calendar.connect(owner.client, frontDesk)).toContain(`connected=${calendar.provider}`);
    expect(await calendar.connect(admin.client, frontDesk)).toContain('error=already_connected');
    const stored = await connectionsOf(t, owner.tenantId);
    expect(stored.map((c) => c.userId)).toEqual([owner.userId]);

    await calendar.seed(frontDesk, [
      assistantBooking({ start: utcAt(20, '09:00'), end: utcAt(20, '10:00') }),
    ]);
    for (const who of [owner.client, admin.client])
      expect((await who.post('/api/appointments/sync')).statusCode).toBe(200);
    expect(await t.database.db.$count(appointments, eq(appointments.tenantId, owner.tenantId))).toBe(1);

    // Its owner connecting it again renews the same connection, as before.
    expect(await calendar.connect(owner.client, frontDesk.toUpperCase())).toContain(
      `connected=${calendar.provider}`,
    );
    expect((await connectionsOf(t, owner.tenantId)).map((c) => c.id)).toEqual([stored[0]!.id]);
  });

  it('is connected once when two members connect it at the same instant', async () => {
    const owner = await signUpOwner(t.app);
    // Several pairs at once (a member holds one connection per provider), so that the two
    // callbacks of a pair do overlap on a real server.
    const pairs = 4;
    const members = [];
    for (let n = 0; n < 2 * pairs; n++)
      members.push(await addMember(t.app, owner.client, 'admin', `Dr ${n}`));
    const answers = await Promise.all(
      members.map((member, n) =>
        calendar.connect(member.client, `desk-${n >> 1}-${calendar.provider}@clinic.example`),
      ),
    );
    for (let i = 0; i < pairs; i++) {
      const pair = answers.slice(2 * i, 2 * i + 2);
      expect(pair.filter((location) => location.includes(`connected=${calendar.provider}`))).toHaveLength(1);
      expect(pair.filter((location) => location.includes('error=already_connected'))).toHaveLength(1);
    }
    expect(await connectionsOf(t, owner.tenantId)).toHaveLength(pairs);
  });

  it('may be connected by another practice: the rule holds within a practice', async () => {
    const first = await signUpOwner(t.app);
    const second = await signUpOwner(t.app);
    const shared = `shared-${calendar.provider}@clinic.example`;
    expect(await calendar.connect(first.client, shared)).toContain(`connected=${calendar.provider}`);
    expect(await calendar.connect(second.client, shared)).toContain(`connected=${calendar.provider}`);
    expect(await connectionsOf(t, second.tenantId)).toHaveLength(1);
  });
});

describe("a practitioner's own Google calendar that is also the service account's", () => {
  let google: RunningEmulator;
  let t: TestApp;
  // Spec 002's setup: the doctor's own calendar, shared with the service account.
  const doctorsCalendar = 'dr.house@gmail.example';

  beforeAll(async () => {
    const started = await startGoogleWithServiceAccount(doctorsCalendar, { asAccount: true });
    google = started.emulator;
    t = await createTestApp({ env: started.env });
  });
  afterAll(async () => {
    await t?.close();
    await google?.close();
  });

  it('is not connected as the shared calendar once the doctor connected it with their account, and says by whom', async () => {
    const clinic = await signUpOwner(t.app, { organizationName: 'House Clinic' });
    const doctor = await addMember(t.app, clinic.client, 'admin', 'Dr House');
    expect(await consentThroughGoogle(doctor.client, google, { email: doctorsCalendar })).toContain(
      'connected=google',
    );

    const shared = await clinic.client.post('/api/calendar/service-account');
    expect(shared.statusCode, shared.body).toBe(409);
    expect(shared.json().error).toMatchObject({ code: 'CONFLICT' });
    expect(shared.json().error.message).toContain('already connected in your practice by Dr House');
    expect((await connectionsOf(t, clinic.tenantId)).map((c) => c.authType)).toEqual(['oauth']);

    // Once the doctor disconnects theirs, the shared calendar connects.
    const [own] = await connectionsOf(t, clinic.tenantId);
    expect((await doctor.client.delete(`/api/calendar?id=${own!.id}`)).statusCode).toBe(200);
    expect((await clinic.client.post('/api/calendar/service-account')).statusCode).toBe(201);

    // And the doctor's account is then refused, the shared calendar carrying their appointments already.
    expect(await consentThroughGoogle(doctor.client, google, { email: doctorsCalendar })).toContain(
      'error=already_connected',
    );
    expect((await connectionsOf(t, clinic.tenantId)).map((c) => c.authType)).toEqual(['service_account']);
  });
});
