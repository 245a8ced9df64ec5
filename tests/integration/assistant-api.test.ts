import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments, assistants } from '../../src/db/schema/index.ts';
import { defaultAssistantRateLimit } from '../../src/server/routes/assistant.ts';
import { type AssistantClient, createAssistant, openWeekdays } from '../support/assistants.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;
let admin: { client: TestClient; userId: string };
let client: { client: TestClient; userId: string };
let frontDesk: { id: string; apiKey: string; client: AssistantClient };
let productId: string;

/** Tuesday 8 January 2030 in Paris (UTC+1): 09:00 local is 08:00Z. */
const tuesday = '2030-01-08';
const at = (day: string, hhmmUtc: string) => `${day}T${hhmmUtc}:00.000Z`;
const caller = { attendeeName: 'Jean Dupont', phone: '+33612345678', email: 'jean@example.com' };

async function countAppointments() {
  return (await t.database.db.select({ id: appointments.id }).from(appointments)).length;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app, { organizationName: 'Cabinet A' });
  admin = await addMember(t.app, owner.client, 'admin', 'Dr Admin');
  client = await addMember(t.app, owner.client, 'client', 'Marie Client');
  await openWeekdays(owner.client);
  await openWeekdays(admin.client);
  const product = await owner.client.post('/api/admin/products', {
    name: 'Initial consultation',
    durationMinutes: 60,
    type: 'paid',
    price: 5000,
    currency: 'EUR',
  });
  expect(product.statusCode, product.body).toBe(201);
  productId = product.json().data.id;
  frontDesk = await createAssistant(t.app, owner.client, { name: 'Front desk' });
});
afterAll(() => t.close());

describe('managing assistants (owners and admins)', () => {
  it('shows the API key once, at creation, and stores only its hash', async () => {
    const created = await owner.client.post('/api/admin/assistants', { name: 'Night line' });
    expect(created.statusCode).toBe(201);
    const { id, apiKey, apiKeyPrefix } = created.json().data;
    expect(apiKey).toMatch(/^rdv_live_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.startsWith(apiKeyPrefix)).toBe(true);

    const list = await owner.client.get('/api/admin/assistants');
    expect(list.statusCode).toBe(200);
    const listed = list.json().data.find((a: { id: string }) => a.id === id);
    expect(listed).toMatchObject({ name: 'Night line', apiKeyPrefix, revokedAt: null, assigneeUserId: null });
    expect(listed).not.toHaveProperty('apiKey');
    expect(list.body).not.toContain(apiKey);

    const [row] = await t.database.db.select().from(assistants).where(eq(assistants.id, id));
    expect(Object.values(row)).not.toContain(apiKey);
    expect(row.apiKeyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets an admin create an assistant that books for a named practitioner', async () => {
    const r = await admin.client.post('/api/admin/assistants', {
      name: 'Dr Admin line',
      assigneeUserId: admin.userId,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().data.assigneeUserId).toBe(admin.userId);
  });

  it('refuses a client as practitioner (404) and a blank name (400 naming the field)', async () => {
    const asClient = await owner.client.post('/api/admin/assistants', {
      name: 'X',
      assigneeUserId: client.userId,
    });
    expect(asClient.statusCode).toBe(404);
    const blank = await owner.client.post('/api/admin/assistants', { name: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('body.name');
  });

  it('is closed to clients (403) and to anonymous callers (401)', async () => {
    expect((await client.client.get('/api/admin/assistants')).statusCode).toBe(403);
    expect((await client.client.post('/api/admin/assistants', { name: 'Mine' })).statusCode).toBe(403);
    expect((await client.client.delete(`/api/admin/assistants/${frontDesk.id}`)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/admin/assistants' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ success: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('revokes a key with immediate effect: the next request with it is 401', async () => {
    const doomed = await createAssistant(t.app, owner.client, { name: 'Doomed' });
    expect((await doomed.client.get('/api/assistant/products')).statusCode).toBe(200);
    const revoked = await owner.client.delete(`/api/admin/assistants/${doomed.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().data.revokedAt).toEqual(expect.any(String));
    const after = await doomed.client.get('/api/assistant/products');
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ success: false, error: { code: 'UNAUTHENTICATED' } });
    // Revoking again changes nothing and still answers the revoked assistant.
    const again = await owner.client.delete(`/api/admin/assistants/${doomed.id}`);
    expect(again.json().data.revokedAt).toBe(revoked.json().data.revokedAt);
    expect((await owner.client.delete('/api/admin/assistants/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('authenticating an assistant', () => {
  it.each([
    ['no Authorization header', undefined],
    ['a garbled key', 'Bearer nonsense'],
    ['a well-formed but unknown key', `Bearer rdv_live_${'A'.repeat(43)}`],
    ['another scheme', 'Basic cmR2OnNlY3JldA=='],
    ['an oversized header', `Bearer rdv_live_${'x'.repeat(5000)}`],
  ])('answers 401 in the envelope for %s', async (_name, authorization) => {
    const r = await t.app.inject({
      method: 'GET',
      url: '/api/assistant/products',
      headers: authorization ? { authorization } : {},
    });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ success: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('does not let a signed-in person use the assistant API with their session', async () => {
    expect((await owner.client.get('/api/assistant/products')).statusCode).toBe(401);
  });

  it('records when a key was last used', async () => {
    const fresh = await createAssistant(t.app, owner.client, { name: 'Fresh' });
    await fresh.client.get('/api/assistant/products');
    const listed = (await owner.client.get('/api/admin/assistants')).json().data;
    expect(listed.find((a: { id: string }) => a.id === fresh.id).lastUsedAt).toEqual(expect.any(String));
  });

  it(`limits one key to ${defaultAssistantRateLimit.max} requests a minute (429 in the envelope)`, async () => {
    const chatty = await createAssistant(t.app, owner.client, { name: 'Chatty' });
    for (let i = 0; i < defaultAssistantRateLimit.max; i++) {
      expect((await chatty.client.get('/api/assistant/products')).statusCode).toBe(200);
    }
    const limited = await chatty.client.get('/api/assistant/products');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ success: false, error: { code: 'RATE_LIMITED' } });
    expect(limited.headers['retry-after']).toBeDefined();
    // Another key is not slowed down by it.
    expect((await frontDesk.client.get('/api/assistant/products')).statusCode).toBe(200);
  });

  it('counts every spelling of the Authorization header that carries one key against that key', async () => {
    const sly = await createAssistant(t.app, owner.client, { name: 'Sly' });
    const spellings = [
      `Bearer ${sly.apiKey}`,
      `bearer ${sly.apiKey}`,
      `Bearer  ${sly.apiKey}`,
      `BEARER\t${sly.apiKey}`,
      `Bearer ${sly.apiKey}  `,
    ];
    const products = (authorization: string) =>
      t.app.inject({ method: 'GET', url: '/api/assistant/products', headers: { authorization } });
    // Each spelling is accepted by the key check…
    for (const authorization of spellings) expect((await products(authorization)).statusCode).toBe(200);
    for (let i = spellings.length; i < defaultAssistantRateLimit.max; i++)
      expect((await products(spellings[0]!)).statusCode).toBe(200);
    // …and none of them opens a fresh bucket once the key has used up its own.
    for (const authorization of spellings) expect((await products(authorization)).statusCode).toBe(429);
  });
});

describe('reading services and availability with a key', () => {
  it('lists the active services', async () => {
    const r = await frontDesk.client.get('/api/assistant/products');
    expect(r.statusCode).toBe(200);
    expect(r.json().data).toEqual([
      expect.objectContaining({
        id: productId,
        name: 'Initial consultation',
        durationMinutes: 60,
        price: 5000,
      }),
    ]);
  });

  it('finds the free times of its practitioner, as UTC instants and local times', async () => {
    const r = await frontDesk.client.get(
      `/api/assistant/availability?startDate=${tuesday}&endDate=${tuesday}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const { practitionerId, timezone, slots } = r.json().data;
    expect(practitionerId).toBe(owner.userId);
    expect(timezone).toBe('Europe/Paris');
    expect(slots[0]).toEqual({
      startTime: at(tuesday, '08:00'),
      endTime: at(tuesday, '08:30'),
      localStartTime: '2030-01-08T09:00:00+01:00',
      localEndTime: '2030-01-08T09:30:00+01:00',
      date: tuesday,
    });
    expect(slots).toHaveLength(16);
  });

  it('reads the calendar of the practitioner the assistant is set to', async () => {
    const line = await createAssistant(t.app, owner.client, {
      name: 'Admin line',
      assigneeUserId: admin.userId,
    });
    const r = await line.client.get(`/api/assistant/availability?startDate=${tuesday}&endDate=${tuesday}`);
    expect(r.json().data.practitionerId).toBe(admin.userId);
  });

  it.each([
    ['an end before the start', `startDate=${tuesday}&endDate=2030-01-01`, 'querystring.endDate'],
    ['a date that is not ISO', 'startDate=08/01/2030&endDate=2030-01-09', 'querystring.startDate'],
    [
      'another practitioner',
      `startDate=${tuesday}&endDate=${tuesday}&practitionerId=x`,
      'querystring.practitionerId',
    ],
  ])('answers 400 naming the field for %s', async (_name, query, field) => {
    const r = await frontDesk.client.get(`/api/assistant/availability?${query}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });
});

describe('booking with a key', () => {
  it('books a confirmed appointment carrying the assistant and the caller’s details', async () => {
    const r = await frontDesk.client.book(
      { startTime: at(tuesday, '09:00'), productId, ...caller, service: 'Back pain', patientType: 'new' },
      'call-1',
    );
    expect(r.statusCode, r.body).toBe(201);
    const booked = r.json().data;
    expect(booked).toMatchObject({
      status: 'confirmed',
      source: 'assistant',
      assistantId: frontDesk.id,
      practitionerId: owner.userId,
      startTime: at(tuesday, '09:00'),
      endTime: at(tuesday, '10:00'),
      localStartTime: '2030-01-08T10:00:00+01:00',
      title: 'Back pain – Jean Dupont',
      email: 'jean@example.com',
      phone: '+33612345678',
      service: 'Back pain',
      patientType: 'new',
      type: 'paid',
      price: 5000,
    });
    // The practice sees it in its own API, and the audit trail names the assistant.
    const seen = await owner.client.get(`/api/appointments/${booked.id}`);
    expect(seen.json().data).toMatchObject({
      source: 'assistant',
      assistantId: frontDesk.id,
      attendeeEmail: 'jean@example.com',
      attendeePhone: '+33612345678',
      patientType: 'new',
    });
    const history = (await owner.client.get(`/api/appointments/${booked.id}/history`)).json().data;
    expect(history[0]).toMatchObject({
      action: 'created',
      actorType: 'assistant',
      actorId: frontDesk.id,
      actorName: 'Front desk',
    });
  });

  it('answers a retry with the same Idempotency-Key with the first booking, not a second one', async () => {
    const body = { startTime: at(tuesday, '11:00'), ...caller };
    const first = await frontDesk.client.book(body, 'call-2');
    expect(first.statusCode).toBe(201);
    const before = await countAppointments();
    const retry = await frontDesk.client.book(body, 'call-2');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().data.id).toBe(first.json().data.id);
    expect(await countAppointments()).toBe(before);
  });

  it('refuses the same Idempotency-Key with a different request (422) and books nothing', async () => {
    await frontDesk.client.book({ startTime: at(tuesday, '12:00'), ...caller }, 'call-3');
    const before = await countAppointments();
    const reused = await frontDesk.client.book({ startTime: at(tuesday, '12:30'), ...caller }, 'call-3');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countAppointments()).toBe(before);
  });

  it('refuses a time already taken with 409 OVERLAPPING_APPOINTMENT', async () => {
    const taken = await owner.client.post('/api/appointments', {
      title: 'Walk-in',
      startTime: at(tuesday, '13:00'),
      endTime: at(tuesday, '14:00'),
    });
    expect(taken.statusCode).toBe(201);
    const r = await frontDesk.client.book({ startTime: at(tuesday, '13:30'), ...caller });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('OVERLAPPING_APPOINTMENT');
  });

  it('refuses a time outside the openings with 409 SLOT_UNAVAILABLE', async () => {
    const sunday = await frontDesk.client.book({ startTime: at('2030-01-06', '09:00'), ...caller });
    expect(sunday.statusCode).toBe(409);
    expect(sunday.json().error.code).toBe('SLOT_UNAVAILABLE');
    const offGrid = await frontDesk.client.book({ startTime: at(tuesday, '08:10'), ...caller });
    expect(offGrid.json().error.code).toBe('SLOT_UNAVAILABLE');
  });

  it.each([
    ['a start that is not ISO', { startTime: '8 Jan 2030 9:00' }, 'body.startTime'],
    ['a start in the past', { startTime: '2020-01-07T08:00:00.000Z' }, 'body.startTime'],
    ['no caller name', { attendeeName: undefined }, 'body.attendeeName'],
    ['an invalid email', { email: 'jean-at-example' }, 'body.email'],
    ['a price (the service sets it)', { price: -500 }, 'body.price'],
    ['a status (bookings are confirmed)', { status: 'completed' }, 'body.status'],
    ['a product id that is not a uuid', { productId: 'abc' }, 'body.productId'],
  ])('answers 400 naming the field for %s, and books nothing', async (_name, patch, field) => {
    const before = await countAppointments();
    const r = await frontDesk.client.book({ startTime: at(tuesday, '15:00'), ...caller, ...patch });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect(await countAppointments()).toBe(before);
  });

  it('answers 400 naming the header for an empty Idempotency-Key', async () => {
    const r = await frontDesk.client.request(
      'POST',
      '/api/assistant/appointments',
      { startTime: at(tuesday, '15:00'), ...caller },
      {
        'idempotency-key': '',
      },
    );
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(
      'headers.idempotency-key',
    );
  });

  it('answers 404 for an unknown or inactive service', async () => {
    const retired = await owner.client.post('/api/admin/products', {
      name: 'Retired',
      durationMinutes: 30,
      isActive: false,
    });
    for (const id of ['00000000-0000-4000-8000-000000000000', retired.json().data.id]) {
      const r = await frontDesk.client.book({ startTime: at(tuesday, '15:00'), productId: id, ...caller });
      expect(r.statusCode).toBe(404);
    }
  });

  it('keeps the Idempotency-Keys of two assistants apart', async () => {
    const other = await createAssistant(t.app, owner.client, {
      name: 'Admin desk',
      assigneeUserId: admin.userId,
    });
    const mine = await frontDesk.client.book({ startTime: at(tuesday, '15:30'), ...caller }, 'shared-key');
    const theirs = await other.client.book({ startTime: at(tuesday, '15:30'), ...caller }, 'shared-key');
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json().data).toMatchObject({ assistantId: other.id, practitionerId: admin.userId });
    expect(theirs.json().data.id).not.toBe(mine.json().data.id);
  });

  it('keeps its practitioner in the practice until the line is given to another or revoked', async () => {
    const leaving = await addMember(t.app, owner.client, 'admin', 'Dr Leaving');
    await openWeekdays(owner.client, leaving.userId);
    const line = await createAssistant(t.app, owner.client, {
      name: 'Leaving line',
      assigneeUserId: leaving.userId,
    });
    // Removed, the line would book someone else for its callers without a word.
    const refused = await owner.client.delete(`/api/admin/users/${leaving.userId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'MEMBER_HAS_ASSISTANT',
      message:
        '"Leaving line" books for Dr Leaving: give it another practitioner or revoke it before removing them',
      details: { assistants: ['Leaving line'] },
    });
    const booked = await line.client.book({ startTime: at(tuesday, '14:00'), ...caller });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().data.practitionerId).toBe(leaving.userId);

    // Given to the owner, under a new name: the same key keeps working, for the owner now.
    const moved = await owner.client.patch(`/api/admin/assistants/${line.id}`, {
      name: 'Main line',
      assigneeUserId: owner.userId,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().data).toMatchObject({
      name: 'Main line',
      assigneeUserId: owner.userId,
      revokedAt: null,
    });
    expect((await owner.client.delete(`/api/admin/users/${leaving.userId}`)).statusCode).toBe(204);
    const after = await line.client.book({ startTime: at(tuesday, '14:30'), ...caller });
    expect(after.statusCode, after.body).toBe(201);
    expect(after.json().data).toMatchObject({ assistantId: line.id, practitionerId: owner.userId });
  });

  it('changes an assistant only for staff of its practice, to one of its practitioners, while it is live', async () => {
    const line = await createAssistant(t.app, owner.client, { name: 'Spare line' });
    const patch = (who: TestClient, id: string, body: unknown) =>
      who.request('PATCH', `/api/admin/assistants/${id}`, body);
    const patient = await addMember(t.app, owner.client, 'client', 'Not a practitioner');
    expect((await patch(patient.client, line.id, { name: 'Mine' })).statusCode).toBe(403);
    expect((await patch(owner.client, line.id, { assigneeUserId: patient.userId })).statusCode).toBe(404);
    expect((await patch(owner.client, line.id, { name: '  ' })).statusCode).toBe(400);
    expect((await patch(owner.client, line.id, { apiKeyPrefix: 'rdv_x' })).statusCode).toBe(400);
    const other = await signUpOwner(t.app, { organizationName: 'Cabinet C' });
    expect((await patch(other.client, line.id, { name: 'Theirs' })).statusCode).toBe(404);
    expect((await owner.client.delete(`/api/admin/assistants/${line.id}`)).statusCode).toBe(200);
    const revoked = await patch(owner.client, line.id, { name: 'Back' });
    expect(revoked.statusCode).toBe(409);
    expect(revoked.json().error.code).toBe('INVALID_STATE');
    const listed = (await owner.client.get('/api/admin/assistants')).json().data as {
      id: string;
      name: string;
    }[];
    expect(listed.find((a) => a.id === line.id)?.name).toBe('Spare line');
  });
});

describe('tenant isolation', () => {
  it('never lets a key of one practice read or book in another', async () => {
    const other = await signUpOwner(t.app, { organizationName: 'Cabinet B' });
    await openWeekdays(other.client);
    const theirProduct = (
      await other.client.post('/api/admin/products', { name: 'B only', durationMinutes: 30 })
    ).json().data.id;
    const theirKey = await createAssistant(t.app, other.client, { name: 'B desk' });

    // A's key sees A's services only, books A's practitioner, and cannot use B's service.
    const services = (await frontDesk.client.get('/api/assistant/products')).json().data;
    expect(services.map((p: { id: string }) => p.id)).not.toContain(theirProduct);
    const viaB = await frontDesk.client.book({
      startTime: at('2030-01-09', '08:00'),
      productId: theirProduct,
      ...caller,
    });
    expect(viaB.statusCode).toBe(404);

    // B's booking lands in B: A's staff cannot see it, and A cannot revoke B's assistant.
    const booked = await theirKey.client.book({ startTime: at('2030-01-09', '08:00'), ...caller });
    expect(booked.statusCode).toBe(201);
    expect(booked.json().data.practitionerId).toBe(other.userId);
    expect((await owner.client.get(`/api/appointments/${booked.json().data.id}`)).statusCode).toBe(404);
    expect((await owner.client.delete(`/api/admin/assistants/${theirKey.id}`)).statusCode).toBe(404);
    const aList = (await owner.client.get('/api/admin/assistants')).json().data;
    expect(aList.map((a: { id: string }) => a.id)).not.toContain(theirKey.id);
    // The same start was free in A too: the practices' calendars are separate.
    expect(
      (await frontDesk.client.book({ startTime: at('2030-01-09', '08:00'), ...caller })).statusCode,
    ).toBe(201);
  });
});

describe('OpenAPI for tool-calling', () => {
  it('describes the three operations, the key and the Idempotency-Key, with an example booking', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const book = doc.paths['/api/assistant/appointments'].post;
    expect(book).toMatchObject({ operationId: 'bookAppointment', security: [{ assistantKey: [] }] });
    expect(book.description).toContain('Idempotency-Key');
    expect(book.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'idempotency-key', required: false }),
    );
    const json = book.requestBody.content['application/json'];
    const body = json.schema;
    expect(body.required).toEqual(expect.arrayContaining(['startTime', 'attendeeName']));
    expect(body.properties.startTime.description).toMatch(/getAvailableSlots/);
    expect(json.example).toMatchObject({ attendeeName: 'Jean Dupont', startTime: expect.any(String) });
    expect(Object.keys(book.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '409', '422']),
    );
    expect(doc.paths['/api/assistant/availability'].get.operationId).toBe('getAvailableSlots');
    // Query numbers are documented as whole numbers with their range (digits only, see query-integer.ts).
    expect(doc.paths['/api/availability'].get.parameters).toContainEqual(
      expect.objectContaining({
        name: 'minNoticeMinutes',
        schema: { type: 'integer', minimum: 0, maximum: 43_200 },
      }),
    );
    expect(doc.paths['/api/assistant/products'].get.operationId).toBe('listServices');
    expect(doc.components.securitySchemes.assistantKey).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
