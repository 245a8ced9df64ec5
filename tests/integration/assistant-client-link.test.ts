import { and, eq, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../src/db/schema/index.ts';
import { type AssistantClient, createAssistant, openWeekdays } from '../support/assistants.ts';
import {
  assistantBooking,
  type CalendarHarness,
  startGoogleHarness,
  utcAt,
} from '../support/calendar-harness.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A voice assistant books under the caller's email. When that is the email of a registered
 * client of the practice, the appointment is theirs — in their dashboard, theirs to cancel or
 * pay — as a booking imported from the calendar already is. Nobody else is linked: not a
 * stranger, not a client of another practice, not the practice's own staff (their appointments
 * as practitioners are not "theirs" as a client's are, and a receptionist's email given for a
 * caller must not make the booking look like the admin's own).
 */
let calendar: CalendarHarness;
let t: TestApp;
let owner: SignedUpOwner;
let admin: { client: TestClient; userId: string; email: string };
let patient: { client: TestClient; userId: string; email: string };
let elsewhere: { client: TestClient; userId: string; email: string };
let frontDesk: { id: string; client: AssistantClient };

/** Tuesday 8 January 2030 in Paris (UTC+1): the practice opens 08:00Z–16:00Z. */
const at = (hhmmUtc: string) => `2030-01-08T${hhmmUtc}:00.000Z`;

beforeAll(async () => {
  calendar = await startGoogleHarness();
  t = await createTestApp({ env: calendar.env });
  owner = await signUpOwner(t.app, { organizationName: 'Cabinet A' });
  admin = await addMember(t.app, owner.client, 'admin', 'Dr Admin');
  patient = await addMember(t.app, owner.client, 'client', 'Marie Client');
  const otherPractice = await signUpOwner(t.app, { organizationName: 'Cabinet B' });
  elsewhere = await addMember(t.app, otherPractice.client, 'client', 'Paul Elsewhere');
  await openWeekdays(owner.client);
  frontDesk = await createAssistant(t.app, owner.client, { name: 'Front desk' });
});
afterAll(async () => {
  await t?.close();
  await calendar?.close();
});

async function book(startTime: string, email: string | undefined, idempotencyKey?: string) {
  const r = await frontDesk.client.book(
    { startTime, attendeeName: 'Caller', phone: '+33612345678', ...(email ? { email } : {}) },
    idempotencyKey,
  );
  expect(r.statusCode, r.body).toBe(201);
  return r.json().data.id as string;
}

async function clientOf(appointmentId: string) {
  const [row] = await t.database.db
    .select({ userId: appointments.userId })
    .from(appointments)
    .where(eq(appointments.id, appointmentId));
  return row!.userId;
}

const idsSeenBy = async (who: TestClient) =>
  ((await who.get('/api/appointments')).json().data as { id: string }[]).map((a) => a.id);

describe('an assistant booking under the email of a client of the practice', () => {
  it('is theirs: they see it in their appointments, whatever the letter case, and can cancel it', async () => {
    const id = await book(at('08:00'), patient.email.toUpperCase());
    expect(await clientOf(id)).toBe(patient.userId);
    expect(await idsSeenBy(patient.client)).toContain(id);
    const one = await patient.client.get(`/api/appointments/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().data).toMatchObject({ id, userId: patient.userId, source: 'assistant' });

    const cancelled = await patient.client.put(`/api/appointments/${id}`, { status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().data.status).toBe('cancelled');
  });

  it('answers a retry with the same Idempotency-Key with the same appointment, still theirs', async () => {
    const first = await frontDesk.client.book(
      { startTime: at('09:00'), attendeeName: 'Marie Client', email: patient.email },
      'call-linked',
    );
    expect(first.statusCode, first.body).toBe(201);
    const retry = await frontDesk.client.book(
      { startTime: at('09:00'), attendeeName: 'Marie Client', email: patient.email },
      'call-linked',
    );
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().data.id).toBe(first.json().data.id);
    expect(await clientOf(first.json().data.id)).toBe(patient.userId);
    const mine = await idsSeenBy(patient.client);
    expect(mine.filter((id) => id === first.json().data.id)).toHaveLength(1);
  });
});

describe('an assistant booking that is nobody’s account', () => {
  it('links no one for an email nobody registered with, or no email', async () => {
    const unknown = await book(at('10:00'), 'stranger@example.com');
    const none = await book(at('10:30'), undefined);
    expect(await clientOf(unknown)).toBeNull();
    expect(await clientOf(none)).toBeNull();
    expect(await idsSeenBy(patient.client)).not.toContain(unknown);
  });

  it('does not link a client of another practice, who never sees it', async () => {
    const id = await book(at('11:00'), elsewhere.email);
    expect(await clientOf(id)).toBeNull();
    expect(await idsSeenBy(elsewhere.client)).not.toContain(id);
    expect((await elsewhere.client.get(`/api/appointments/${id}`)).statusCode).toBe(404);
    // The practice still has the caller's email on the booking.
    expect((await owner.client.get(`/api/appointments/${id}`)).json().data.attendeeEmail).toBe(
      elsewhere.email,
    );
  });

  it('does not link the practice’s own staff (admin or owner) as if they were the client', async () => {
    const forAdmin = await book(at('12:00'), admin.email);
    const forOwner = await book(at('12:30'), owner.email);
    expect(await clientOf(forAdmin)).toBeNull();
    expect(await clientOf(forOwner)).toBeNull();
  });
});

describe('an assistant booking imported from the calendar (the same rule)', () => {
  it('is linked to the client of the practice with its email, and to nobody else', async () => {
    const calendarEmail = 'link@clinic.example';
    expect(await calendar.connect(owner.client, calendarEmail)).toContain('connected=google');
    await calendar.seed(calendarEmail, [
      assistantBooking({ start: utcAt(20, '08:00'), end: utcAt(20, '08:30'), email: patient.email }),
      assistantBooking({ start: utcAt(20, '09:00'), end: utcAt(20, '09:30'), email: admin.email }),
      assistantBooking({ start: utcAt(20, '10:00'), end: utcAt(20, '10:30'), email: elsewhere.email }),
    ]);
    const synced = await owner.client.post('/api/appointments/sync');
    expect(synced.statusCode, synced.body).toBe(200);
    const rows = await t.database.db
      .select({ email: appointments.attendeeEmail, userId: appointments.userId })
      .from(appointments)
      // The calendar's bookings, days from now; those the assistant made above are in 2030.
      .where(
        and(eq(appointments.tenantId, owner.tenantId), lt(appointments.startTime, new Date(at('00:00')))),
      );
    expect(rows).toHaveLength(3);
    const imported = new Map(rows.map((r) => [r.email, r.userId]));
    expect(imported.get(patient.email)).toBe(patient.userId);
    expect(imported.get(admin.email)).toBeNull();
    expect(imported.get(elsewhere.email)).toBeNull();
  });
});
