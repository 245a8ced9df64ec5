import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, billingCompanies, members, supportTickets } from '../../src/db/schema/index.ts';
import { createAssistant, openWeekdays } from '../support/assistants.ts';
import { addMember, type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { expectNoSecretOf, giveMemberSecrets } from '../support/member-secrets.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * GET /api/me/export: a member downloads everything their practice holds about them (GDPR art.
 * 15 and 20), and nothing that is a secret or someone else's.
 */
let t: TestApp;
let owner: SignedUpOwner;
let ada: Awaited<ReturnType<typeof addMember>>;
let grace: Awaited<ReturnType<typeof addMember>>;
let elsewhere: SignedUpOwner;

const staffNote = 'Staff only: asked twice about the invoice';
const acme = {
  legalName: 'Acme Consulting SARL',
  taxId: 'FR40303265045',
  addressLine1: '12 rue de la Paix',
  city: 'Paris',
  country: 'FR',
};
const idempotencyKey = 'call-ada-0042';
let adaBookingId: string;
let adaPhoneBookingId: string;
let adaSecrets: string[];

let day = 0;
/** A fresh hour of March 2030 for each booking by staff. */
function nextSlot() {
  day += 1;
  const start = new Date(Date.UTC(2030, 2, day, 9));
  return { startTime: start.toISOString(), endTime: new Date(start.getTime() + 3_600_000).toISOString() };
}

async function book(staff: TestClient, body: Record<string, unknown>) {
  const r = await staff.post('/api/appointments', { ...nextSlot(), ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().data.id as string;
}

/** A history event as the history endpoint shows it, its snapshots without the Idempotency-Key. */
function withoutIdempotencyKey(event: { before: object | null; after: object | null }) {
  const strip = (snapshot: object | null) => {
    if (!snapshot) return null;
    const { idempotencyKey: _key, ...rest } = snapshot as Record<string, unknown>;
    return rest;
  };
  return { ...event, before: strip(event.before), after: strip(event.after) };
}

async function exportOf(who: TestClient) {
  const response = await who.get('/api/me/export');
  expect(response.statusCode, response.body).toBe(200);
  return { response, text: response.body, data: response.json() };
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app, { organizationName: 'Cabinet Étoile' });
  ada = await addMember(t.app, owner.client, 'client', 'Ada Lovelace');
  grace = await addMember(t.app, owner.client, 'client', 'Grace Hopper');

  // Ada's appointment, with the practice's internal note, then moved to another room.
  adaBookingId = await book(owner.client, {
    title: 'Ada’s first visit',
    userId: ada.userId,
    notes: staffNote,
  });
  const moved = await owner.client.put(`/api/appointments/${adaBookingId}`, { location: 'Room 2' });
  expect(moved.statusCode, moved.body).toBe(200);
  // And one the voice assistant booked under her email, with an Idempotency-Key.
  await openWeekdays(owner.client);
  const frontDesk = await createAssistant(t.app, owner.client);
  const byPhone = await frontDesk.client.book(
    {
      startTime: '2030-01-08T08:00:00.000Z',
      attendeeName: 'Ada Lovelace',
      phone: '+33612345678',
      email: ada.email,
    },
    idempotencyKey,
  );
  expect(byPhone.statusCode, byPhone.body).toBe(201);
  adaPhoneBookingId = byPhone.json().data.id;

  expect((await ada.client.put('/api/me/company', acme)).statusCode).toBe(200);
  const ticket = await ada.client.post('/api/support/tickets', {
    category: 'billing',
    subject: 'My invoice address',
    message: 'Please make my invoices out to my company.',
  });
  expect(ticket.statusCode, ticket.body).toBe(201);
  adaSecrets = await giveMemberSecrets(t, ada, owner.tenantId, 'ada.lovelace@gmail.example');

  // Someone else of the same practice.
  await book(owner.client, { title: 'Grace’s private consultation', userId: grace.userId });
  await grace.client.post('/api/support/tickets', {
    category: 'general',
    subject: 'Grace’s question',
    message: 'Is there parking near the practice?',
  });

  // Another practice, where Ada is a client too (written directly: the app adds people by creating them).
  elsewhere = await signUpOwner(t.app, { organizationName: 'Clinique Ailleurs' });
  const stranger = await addMember(t.app, elsewhere.client, 'client', 'Sam Stranger');
  await book(elsewhere.client, { title: 'Sam at the other practice', userId: stranger.userId });
  await t.database.db.insert(members).values({
    id: randomUUID(),
    organizationId: elsewhere.tenantId,
    userId: ada.userId,
    role: 'client',
  });
  const slot = nextSlot();
  await t.database.db.insert(appointments).values({
    tenantId: elsewhere.tenantId,
    userId: ada.userId,
    title: 'Ada at the other practice',
    startTime: new Date(slot.startTime),
    endTime: new Date(slot.endTime),
  });
  await t.database.db.insert(billingCompanies).values({
    tenantId: elsewhere.tenantId,
    userId: ada.userId,
    legalName: 'Ailleurs Holding',
    addressLine1: '1 Main Street',
    city: 'Dublin',
    country: 'IE',
  });
  await t.database.db.insert(supportTickets).values({
    tenantId: elsewhere.tenantId,
    userId: ada.userId,
    category: 'general',
    subject: 'Ada asks the other practice',
    message: 'A question for the other practice.',
  });
});
afterAll(() => t.close());

describe('downloading my data', () => {
  it('is a JSON file named for today, never cached', async () => {
    const { response, data } = await exportOf(ada.client);

    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
      new Date(data.exportedAt),
    );
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="rendezvous-my-data-${today}.json"`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(Date.now() - Date.parse(data.exportedAt)).toBeLessThan(60_000);
  });

  it('holds a client’s account, appointments with their history, company, requests and calendars', async () => {
    const { data } = await exportOf(ada.client);

    expect(data.practice).toEqual({ name: 'Cabinet Étoile', timezone: 'Europe/Paris' });
    expect(data.account).toMatchObject({
      id: ada.userId,
      name: 'Ada Lovelace',
      email: ada.email,
      role: 'client',
      locale: null,
      createdAt: expect.any(String),
      memberSince: expect.any(String),
    });
    expect(data.appointments.map((a: { id: string }) => a.id)).toEqual([adaPhoneBookingId, adaBookingId]);
    const visit = data.appointments.find((a: { id: string }) => a.id === adaBookingId);
    expect(visit).toMatchObject({ title: 'Ada’s first visit', status: 'confirmed', userId: ada.userId });
    expect(visit).not.toHaveProperty('notes');
    // The history as GET /api/appointments/:id/history shows it to her, less the assistant's key.
    const shown = (await ada.client.get(`/api/appointments/${adaBookingId}/history`)).json().data;
    expect(visit.history).toEqual(shown.map(withoutIdempotencyKey));
    expect(visit.history).toMatchObject([
      { action: 'created', actorId: owner.userId },
      { action: 'updated', before: { location: null }, after: { location: 'Room 2' } },
    ]);
    expect(data.company).toMatchObject(acme);
    expect(data.supportRequests).toEqual([
      expect.objectContaining({
        subject: 'My invoice address',
        author: expect.objectContaining({ id: ada.userId }),
      }),
    ]);
    expect(data.calendarConnections).toEqual([
      {
        provider: 'google',
        email: 'ada.lovelace@gmail.example',
        calendarId: 'primary',
        status: 'active',
        lastSyncAt: null,
        createdAt: expect.any(String),
      },
    ]);
    expect(data.calendarFeed).toEqual({ active: true, createdAt: expect.any(String) });
  });

  it('holds no secret: password hash, session, calendar tokens, feed address, idempotency key', async () => {
    const { text } = await exportOf(ada.client);

    // Neither the history endpoint nor the file shows her the assistant's key; staff read it.
    const phoneHistory = await ada.client.get(`/api/appointments/${adaPhoneBookingId}/history`);
    expect(phoneHistory.statusCode).toBe(200);
    expect(phoneHistory.body).not.toContain(idempotencyKey);
    const staffHistory = await owner.client.get(`/api/appointments/${adaPhoneBookingId}/history`);
    expect(staffHistory.body).toContain(idempotencyKey);
    await expectNoSecretOf(t, ada.userId, text, [...adaSecrets, idempotencyKey]);
  });

  it('holds no staff note, even in the history of the appointment', async () => {
    const { text } = await exportOf(ada.client);
    // The practice does keep one, shown to staff.
    const forStaff = (await owner.client.get(`/api/appointments/${adaBookingId}`)).json().data;
    expect(forStaff.notes).toBe(staffNote);

    expect(text).not.toContain(staffNote);
    expect(text).not.toMatch(/"notes"/);
  });

  it('holds nothing of another client, nor of her life in another practice', async () => {
    const { text, data } = await exportOf(ada.client);

    for (const theirs of [
      'Grace’s private consultation',
      'Grace’s question',
      grace.email,
      'Clinique Ailleurs',
      'Sam at the other practice',
      'Ada at the other practice',
      'Ailleurs Holding',
      'Ada asks the other practice',
    ]) {
      expect(text).not.toContain(theirs);
    }
    expect(data.company.legalName).toBe(acme.legalName);
  });

  it('is a staff member’s own data only: not the appointments they are the practitioner of', async () => {
    const { text, data } = await exportOf(owner.client);

    expect(data.account).toMatchObject({ id: owner.userId, role: 'owner', email: owner.email });
    expect(data.appointments).toEqual([]);
    expect(data.supportRequests).toEqual([]);
    expect(data.company).toBeNull();
    expect(data.calendarConnections).toEqual([]);
    expect(data.calendarFeed).toEqual({ active: false, createdAt: null });
    for (const theirs of ['Ada’s first visit', ada.email, 'My invoice address', grace.email]) {
      expect(text).not.toContain(theirs);
    }
  });

  it('answers 401 without a session', async () => {
    const response = await new TestClient(t.app).get('/api/me/export');

    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ success: false, error: { code: 'UNAUTHENTICATED' } });
    expect(response.headers['content-disposition']).toBeUndefined();
  });

  it('is described in the API documentation with the other /api/me routes', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    const operation = doc.paths['/api/me/export'].get;

    expect(operation.tags).toEqual(['me']);
    expect(operation.description).toContain('rendezvous-my-data-YYYY-MM-DD.json');
    expect(Object.keys(operation.responses['200'].content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['exportedAt', 'practice', 'account', 'appointments', 'calendarFeed']),
    );
  });
});
