import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appointments,
  calendarConnections,
  calendarEventLinks,
  calendarOutbox,
} from '../../src/db/schema/index.ts';
import { type AssistantClient, createAssistant, openWeekdays } from '../support/assistants.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;
let frontDesk: { id: string; client: AssistantClient };
let other: { owner: SignedUpOwner; desk: { id: string; client: AssistantClient } };
let productId: string;
let connectionId: string;

/** Paris is UTC+1 in January: opening hours 09:00–17:00 local are 08:00–16:00Z. */
const tuesday = '2030-01-08';
const wednesday = '2030-01-09';
const thursday = '2030-01-10';
const sunday = '2030-01-06';
const at = (day: string, hhmmUtc: string) => `${day}T${hhmmUtc}:00.000Z`;
const minutes = (n: number) => n * 60_000;

async function book(desk: AssistantClient, body: Record<string, unknown>) {
  const r = await desk.book({ attendeeName: 'Jean Dupont', ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().data as { id: string; startTime: string; endTime: string };
}

const cancel = (desk: AssistantClient, id: string) =>
  desk.request('POST', `/api/assistant/appointments/${id}/cancel`);
const reschedule = (desk: AssistantClient, id: string, body: Record<string, unknown>) =>
  desk.request('POST', `/api/assistant/appointments/${id}/reschedule`, body);
const find = async (desk: AssistantClient, query: string) => {
  const r = await desk.get(`/api/assistant/appointments?${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().data as { id: string; startTime: string }[];
};

async function stored(id: string) {
  const [row] = await t.database.db.select().from(appointments).where(eq(appointments.id, id));
  return row!;
}

async function historyOf(id: string) {
  const r = await owner.client.get(`/api/appointments/${id}/history`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().data as { action: string; actorType: string; actorId: string }[];
}

async function pushesOf(appointmentId: string) {
  return t.database.db
    .select()
    .from(calendarOutbox)
    .where(and(eq(calendarOutbox.appointmentId, appointmentId), eq(calendarOutbox.status, 'pending')));
}

/** The event of an appointment as sync leaves it once pushed: a link, the push done. */
async function pushedToCalendar(appointmentId: string, externalEventId: string) {
  await t.database.db
    .update(calendarOutbox)
    .set({ status: 'done', processedAt: new Date() })
    .where(eq(calendarOutbox.appointmentId, appointmentId));
  await t.database.db
    .insert(calendarEventLinks)
    .values({ tenantId: owner.tenantId, appointmentId, connectionId, externalEventId });
}

let begun = 0;
/** A visit that has begun (each an hour before the last, so they do not overlap), entered by the practice. */
async function begunAppointment(email: string) {
  const start = Date.now() - minutes(10) - begun++ * minutes(60);
  const r = await owner.client.post('/api/appointments', {
    title: 'Under way',
    startTime: new Date(start).toISOString(),
    endTime: new Date(start + minutes(30)).toISOString(),
    attendeeEmail: email,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().data.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app, { organizationName: 'Cabinet A' });
  await openWeekdays(owner.client);
  const product = await owner.client.post('/api/admin/products', {
    name: 'Initial consultation',
    durationMinutes: 60,
  });
  expect(product.statusCode, product.body).toBe(201);
  productId = product.json().data.id;
  frontDesk = await createAssistant(t.app, owner.client, { name: 'Front desk' });
  // The owner's calendar is connected: changes to their appointments are pushed to it.
  const [connection] = await t.database.db
    .insert(calendarConnections)
    .values({ tenantId: owner.tenantId, userId: owner.userId, provider: 'google' })
    .returning();
  connectionId = connection!.id;

  const otherOwner = await signUpOwner(t.app, { organizationName: 'Cabinet B' });
  await openWeekdays(otherOwner.client);
  other = { owner: otherOwner, desk: await createAssistant(t.app, otherOwner.client, { name: 'B desk' }) };
});
afterAll(() => t.close());

describe('finding a caller’s appointments', () => {
  it('finds them by email in any letter case, soonest first, with only what the call needs', async () => {
    const later = await book(frontDesk.client, {
      startTime: at(wednesday, '08:00'),
      email: 'Anne.Martin@Example.com',
    });
    const sooner = await book(frontDesk.client, {
      startTime: at(tuesday, '08:00'),
      email: 'anne.martin@example.com',
      productId,
    });
    const found = await find(frontDesk.client, 'email=ANNE.MARTIN%40example.com');
    expect(found.map((a) => a.id)).toEqual([sooner.id, later.id]);
    expect(found[0]).toEqual({
      id: sooner.id,
      title: 'Initial consultation – Jean Dupont',
      startTime: at(tuesday, '08:00'),
      endTime: at(tuesday, '09:00'),
      timezone: 'Europe/Paris',
      localStartTime: '2030-01-08T09:00:00+01:00',
      localEndTime: '2030-01-08T10:00:00+01:00',
      status: 'confirmed',
      service: 'Initial consultation',
      attendeeName: 'Jean Dupont',
    });
  });

  it('finds them by phone however the number is written', async () => {
    const booked = await book(frontDesk.client, {
      startTime: at(tuesday, '09:00'),
      phone: '+33 6 11 22 33 44',
    });
    for (const phone of ['+33611223344', '+33.6.11.22.33.44', '(+33) 611-223-344']) {
      const found = await find(frontDesk.client, `phone=${encodeURIComponent(phone)}`);
      expect(found.map((a) => a.id)).toEqual([booked.id]);
    }
  });

  it('leaves out cancelled and begun appointments, and those of another practice', async () => {
    const email = 'paul.leroy@example.com';
    const kept = await book(frontDesk.client, { startTime: at(tuesday, '10:00'), email });
    const cancelled = await book(frontDesk.client, { startTime: at(tuesday, '10:30'), email });
    expect((await cancel(frontDesk.client, cancelled.id)).statusCode).toBe(200);
    await begunAppointment(email);
    await book(other.desk.client, { startTime: at(tuesday, '10:00'), email });
    expect((await find(frontDesk.client, `email=${email}`)).map((a) => a.id)).toEqual([kept.id]);
  });

  it.each([
    ['neither email nor phone', '', 'querystring.email'],
    ['both email and phone', 'email=a%40example.com&phone=123', 'querystring.phone'],
    ['an email that is not one', 'email=not-an-email', 'querystring.email'],
    ['a phone without digits', 'phone=()', 'querystring.phone'],
  ])('answers 400 naming the parameter for %s', async (_name, query, field) => {
    const r = await frontDesk.client.get(`/api/assistant/appointments?${query}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });
});

describe('cancelling by phone', () => {
  it('cancels, records the assistant in the history, queues the calendar event’s removal', async () => {
    const booked = await book(frontDesk.client, { startTime: at(tuesday, '11:00'), email: 'c1@example.com' });
    await pushedToCalendar(booked.id, 'google-event-1');

    const r = await cancel(frontDesk.client, booked.id);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data).toMatchObject({ id: booked.id, status: 'cancelled' });
    expect((await stored(booked.id)).status).toBe('cancelled');
    expect((await historyOf(booked.id)).at(-1)).toMatchObject({
      action: 'cancelled',
      actorType: 'assistant',
      actorId: frontDesk.id,
    });
    expect(await pushesOf(booked.id)).toEqual([
      expect.objectContaining({ connectionId, operation: 'delete', externalEventId: 'google-event-1' }),
    ]);

    const again = await cancel(frontDesk.client, booked.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'cancelled' } });
  });

  it('refuses an appointment that has begun (409) and leaves it as it was', async () => {
    const id = await begunAppointment('c2@example.com');
    const r = await cancel(frontDesk.client, id);
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('INVALID_STATE');
    expect((await stored(id)).status).toBe('confirmed');
  });

  it('answers 404 for another practice’s appointment and for unknown ids', async () => {
    const theirs = await book(other.desk.client, { startTime: at(tuesday, '11:30') });
    for (const id of [theirs.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await cancel(frontDesk.client, id)).statusCode).toBe(404);
      expect((await reschedule(frontDesk.client, id, { startTime: at(thursday, '08:00') })).statusCode).toBe(
        404,
      );
    }
    expect((await stored(theirs.id)).status).toBe('confirmed');
  });
});

describe('rescheduling by phone', () => {
  it('moves it to a free time, keeping its length; the history names the assistant and the calendar follows', async () => {
    const booked = await book(frontDesk.client, { startTime: at(tuesday, '12:00'), productId });
    await pushedToCalendar(booked.id, 'google-event-2');

    const r = await reschedule(frontDesk.client, booked.id, { startTime: at(thursday, '13:00') });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data).toMatchObject({
      id: booked.id,
      status: 'confirmed',
      startTime: at(thursday, '13:00'),
      endTime: at(thursday, '14:00'),
      localStartTime: '2030-01-10T14:00:00+01:00',
    });
    const row = await stored(booked.id);
    expect([row.startTime.toISOString(), row.endTime.toISOString()]).toEqual([
      at(thursday, '13:00'),
      at(thursday, '14:00'),
    ]);
    expect((await historyOf(booked.id)).at(-1)).toMatchObject({
      action: 'updated',
      actorType: 'assistant',
      actorId: frontDesk.id,
    });
    expect(await pushesOf(booked.id)).toEqual([
      expect.objectContaining({ connectionId, operation: 'upsert' }),
    ]);
  });

  it('counts the appointment’s own time as free when it is lengthened over it', async () => {
    const booked = await book(frontDesk.client, { startTime: at(tuesday, '15:00') });
    const r = await reschedule(frontDesk.client, booked.id, {
      startTime: at(tuesday, '15:00'),
      endTime: at(tuesday, '16:00'),
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data.endTime).toBe(at(tuesday, '16:00'));
  });

  it('refuses a closed time with the code the booking answers, and moves nothing', async () => {
    const booked = await book(frontDesk.client, { startTime: at(tuesday, '13:00') });
    const closed = { startTime: at(sunday, '09:00') };
    const moved = await reschedule(frontDesk.client, booked.id, closed);
    const bookedThere = await frontDesk.client.book({ attendeeName: 'X', ...closed });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error.code).toBe('SLOT_UNAVAILABLE');
    expect(moved.json().error.code).toBe(bookedThere.json().error.code);
    expect((await stored(booked.id)).startTime.toISOString()).toBe(booked.startTime);
  });

  it('refuses a time overlapping another booking with 409 OVERLAPPING_APPOINTMENT', async () => {
    const first = await book(frontDesk.client, { startTime: at(wednesday, '10:00') });
    const second = await book(frontDesk.client, { startTime: at(wednesday, '11:00') });
    const r = await reschedule(frontDesk.client, second.id, { startTime: first.startTime });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('OVERLAPPING_APPOINTMENT');
    expect((await stored(second.id)).startTime.toISOString()).toBe(second.startTime);
  });

  it('refuses a begun appointment (409) and a start in the past (400)', async () => {
    const begun = await reschedule(frontDesk.client, await begunAppointment('r1@example.com'), {
      startTime: at(thursday, '09:00'),
    });
    expect(begun.statusCode).toBe(409);
    expect(begun.json().error.code).toBe('INVALID_STATE');
    const booked = await book(frontDesk.client, { startTime: at(tuesday, '14:00') });
    const past = await reschedule(frontDesk.client, booked.id, { startTime: '2020-01-07T08:00:00.000Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('body.startTime');
  });
});

describe('a revoked key', () => {
  it('can no longer find, cancel or move anything (401)', async () => {
    const doomed = await createAssistant(t.app, owner.client, { name: 'Doomed' });
    const booked = await book(doomed.client, { startTime: at(thursday, '08:00'), email: 'd@example.com' });
    expect((await owner.client.delete(`/api/admin/assistants/${doomed.id}`)).statusCode).toBe(200);
    expect((await doomed.client.get('/api/assistant/appointments?email=d%40example.com')).statusCode).toBe(
      401,
    );
    expect((await cancel(doomed.client, booked.id)).statusCode).toBe(401);
    expect(
      (await reschedule(doomed.client, booked.id, { startTime: at(thursday, '09:00') })).statusCode,
    ).toBe(401);
    expect((await stored(booked.id)).status).toBe('confirmed');
  });
});

describe('OpenAPI for tool-calling', () => {
  it('describes finding, cancelling and moving a booking', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.paths['/api/assistant/appointments'].get.operationId).toBe('findAppointments');
    const cancelOp = doc.paths['/api/assistant/appointments/{id}/cancel'].post;
    expect(cancelOp).toMatchObject({ operationId: 'cancelAppointment', security: [{ assistantKey: [] }] });
    const move = doc.paths['/api/assistant/appointments/{id}/reschedule'].post;
    expect(move.operationId).toBe('rescheduleAppointment');
    expect(move.description).toContain('SLOT_UNAVAILABLE');
    expect(Object.keys(move.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '404', '409']));
  });
});
