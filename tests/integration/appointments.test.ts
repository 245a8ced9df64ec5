import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentEvents, appointments } from '../../src/db/schema/index.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;
let client: { client: TestClient; userId: string; email: string };
let otherClient: { client: TestClient; userId: string };
let hour = 0;

/** A fresh, non-overlapping hour in 2030 for each booking. */
function nextSlot(hours = 1) {
  const start = new Date(Date.UTC(2030, 0, 1, 8) + hour * 3_600_000 * 2);
  hour += hours;
  const end = new Date(start.getTime() + hours * 3_600_000);
  return { startTime: start.toISOString(), endTime: end.toISOString() };
}

async function clientRequest(body: Record<string, unknown> = {}) {
  const r = await client.client.post('/api/appointments', { title: 'Consultation', ...nextSlot(), ...body });
  expect(r.statusCode).toBe(201);
  return r.json().data;
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
  client = await addMember(t.app, owner.client, 'client', 'Jean Dupont');
  otherClient = await addMember(t.app, owner.client, 'client', 'Marie Curie');
});
afterAll(() => t.close());

describe('POST /api/appointments', () => {
  it("makes a client's request pending and free, for them, with the owner as practitioner", async () => {
    const r = await client.client.post('/api/appointments', {
      title: 'Consultation initiale',
      description: 'Description optionnelle',
      ...nextSlot(),
      timezone: 'Europe/Paris',
      type: 'paid',
      price: 5000,
      currency: 'EUR',
      syncToCalendar: true,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().data).toMatchObject({
      status: 'pending',
      type: 'free',
      price: 0,
      userId: client.userId,
      assignedAdminId: owner.userId,
      source: 'client',
      timezone: 'Europe/Paris',
      attendeeName: 'Jean Dupont',
      attendeeEmail: client.email,
    });
    expect(r.json().data).not.toHaveProperty('notes');
  });

  it("keeps a client's request in the practice's currency: its price is the practice's to set", async () => {
    const r = await client.client.post('/api/appointments', {
      title: 'In dollars',
      ...nextSlot(),
      currency: 'USD',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().data).toMatchObject({ currency: 'EUR', price: 0, type: 'free' });
  });

  it('refuses an appointment longer than a day, or a meeting link that is not a web address', async () => {
    const { startTime } = nextSlot();
    const dayAndASecond = new Date(Date.parse(startTime) + 86_401_000).toISOString();
    for (const [who, body] of [
      [client, { endTime: dayAndASecond }],
      [owner, { endTime: '9998-12-31T00:00:00Z' }],
    ] as const) {
      const r = await who.client.post('/api/appointments', {
        title: 'Hold the calendar',
        startTime,
        ...body,
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().error.details.fields).toContainEqual({
        path: 'body.endTime',
        message: 'Must be at most 24 hours after startTime',
      });
    }
    const mine = await clientRequest();
    const stretched = await client.client.put(`/api/appointments/${mine.id}`, {
      endTime: new Date(Date.parse(mine.startTime) + 86_401_000).toISOString(),
    });
    expect(stretched.statusCode).toBe(400);
    expect(stretched.json().error.details.fields[0].path).toBe('body.endTime');
    // A longer one that came from a calendar keeps its times when only its title changes.
    const imported = await owner.client.post('/api/appointments', { title: 'Retreat', ...nextSlot() });
    const twoDays = new Date(Date.parse(imported.json().data.startTime) + 2 * 86_400_000);
    await t.database.db
      .update(appointments)
      .set({ endTime: twoDays })
      .where(eq(appointments.id, imported.json().data.id));
    const renamed = await owner.client.put(`/api/appointments/${imported.json().data.id}`, {
      title: 'Retreat, two days',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    await owner.client.delete(`/api/appointments/${imported.json().data.id}`);

    for (const meetingUrl of [
      'javascript:alert(document.cookie)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
    ]) {
      const r = await client.client.post('/api/appointments', { title: 'Link', ...nextSlot(), meetingUrl });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details.fields).toContainEqual({
        path: 'body.meetingUrl',
        message: 'Expected an http or https URL',
      });
    }
  });

  it("refuses a client's request for a time already past; staff still record one", async () => {
    const past = { startTime: '2020-03-02T09:00:00Z', endTime: '2020-03-02T10:00:00Z' };
    const r = await client.client.post('/api/appointments', { title: 'Last year', ...past });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields).toEqual([
      { path: 'body.startTime', message: 'Must be in the future' },
    ]);
    const mine = await clientRequest();
    const moved = await client.client.put(`/api/appointments/${mine.id}`, past);
    expect(moved.statusCode).toBe(400);
    const recorded = await owner.client.post('/api/appointments', { title: 'Last year', ...past });
    expect(recorded.statusCode).toBe(201);
  });

  it('refuses dates past what the database stores, naming the field and the years', async () => {
    const r = await owner.client.post('/api/appointments', {
      title: 'Year ten thousand',
      startTime: '9999-12-31T22:00:00-14:00',
      endTime: '9999-12-31T23:00:00-14:00',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields).toContainEqual({
      path: 'body.startTime',
      message: 'Must fall between the years 1900 and 9998',
    });
    const list = await owner.client.get('/api/appointments?endDate=9999-12-31');
    expect(list.statusCode).toBe(400);
    expect(list.json().error.details.fields[0]).toMatchObject({ path: 'querystring.endDate' });
    expect(list.json().error.details.fields[0].message).toContain('YYYY-MM-DD');
  });

  it('lets staff book a confirmed, paid appointment for a client, with notes', async () => {
    const r = await owner.client.post('/api/appointments', {
      title: 'Suivi',
      ...nextSlot(),
      userId: client.userId,
      type: 'paid',
      price: 5000,
      notes: 'VIP',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().data).toMatchObject({ status: 'confirmed', type: 'paid', price: 5000, notes: 'VIP' });
  });

  it('stores a blank optional field as none, so the client’s own name and phone fill in', async () => {
    expect((await client.client.patch('/api/me', { phone: '+33 6 11 22 33 44' })).statusCode).toBe(200);
    const r = await owner.client.post('/api/appointments', {
      title: 'Suivi',
      ...nextSlot(),
      userId: client.userId,
      attendeeName: '',
      attendeePhone: '   ',
      location: '',
      description: ' ',
      notes: '',
    });
    expect(r.statusCode).toBe(201);
    const created = r.json().data;
    expect(created).toMatchObject({
      attendeeName: 'Jean Dupont',
      attendeePhone: '+33 6 11 22 33 44',
      location: null,
      description: null,
      notes: null,
    });
    // Emptying a field on an update clears it.
    const placed = await owner.client.put(`/api/appointments/${created.id}`, { location: 'Cabinet' });
    expect(placed.json().data.location).toBe('Cabinet');
    const cleared = await owner.client.put(`/api/appointments/${created.id}`, { location: '' });
    expect(cleared.json().data.location).toBeNull();
    const [row] = await t.database.db.select().from(appointments).where(eq(appointments.id, created.id));
    expect(row).toMatchObject({ location: null, description: null, notes: null });
    // The same for a person's own phone: emptied, it is gone.
    const profile = await client.client.patch('/api/me', { phone: '' });
    expect(profile.json().data.user.phone).toBeNull();
  });

  it('refuses a price that does not go with the type, naming price, and prices a paid service', async () => {
    const book = (body: Record<string, unknown>) =>
      owner.client.post('/api/appointments', { title: 'Priced', ...nextSlot(), ...body });
    for (const [body, message] of [
      [{ type: 'free', price: 5000 }, 'A free appointment has no price'],
      [{ type: 'paid', price: 0 }, 'A paid appointment needs a price above 0'],
      [{ type: 'paid' }, 'A paid appointment needs a price above 0'],
    ] as const) {
      const r = await book(body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.message).toContain(`price: ${message}`);
      expect(r.json().error.details.fields).toEqual([{ path: 'body.price', message: expect.any(String) }]);
    }
    const product = await owner.client.post('/api/admin/products', {
      name: 'Acupuncture',
      durationMinutes: 60,
      type: 'paid',
      price: 7000,
      currency: 'EUR',
    });
    const productId = product.json().data.id;
    // The service's price, unless staff book it free: then free means free, not free at 70 €.
    expect((await book({ productId })).json().data).toMatchObject({ type: 'paid', price: 7000 });
    expect((await book({ productId, type: 'free' })).json().data).toMatchObject({ type: 'free', price: 0 });

    // Changed later: made free costs nothing; made paid needs a price.
    const paid = (await book({ type: 'paid', price: 4000 })).json().data;
    const freed = await owner.client.put(`/api/appointments/${paid.id}`, { type: 'free' });
    expect(freed.json().data).toMatchObject({ type: 'free', price: 0 });
    const unpriced = await owner.client.put(`/api/appointments/${paid.id}`, { type: 'paid' });
    expect(unpriced.statusCode).toBe(400);
    expect(unpriced.json().error.message).toContain('price');
    const priced = await owner.client.put(`/api/appointments/${paid.id}`, { type: 'paid', price: 4500 });
    expect(priced.json().data).toMatchObject({ type: 'paid', price: 4500 });
  });

  it('refuses an overlapping booking of the same practitioner with 409', async () => {
    const slot = nextSlot();
    expect((await owner.client.post('/api/appointments', { title: 'A', ...slot })).statusCode).toBe(201);
    const later = new Date(Date.parse(slot.startTime) + 30 * 60_000).toISOString();
    const r = await client.client.post('/api/appointments', {
      title: 'B',
      startTime: later,
      endTime: new Date(Date.parse(later) + 3_600_000).toISOString(),
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('OVERLAPPING_APPOINTMENT');
  });

  it('accepts back-to-back appointments', async () => {
    const slot = nextSlot();
    expect((await owner.client.post('/api/appointments', { title: 'A', ...slot })).statusCode).toBe(201);
    const r = await owner.client.post('/api/appointments', {
      title: 'B',
      startTime: slot.endTime,
      endTime: new Date(Date.parse(slot.endTime) + 3_600_000).toISOString(),
    });
    expect(r.statusCode).toBe(201);
  });

  it.each([
    [
      'end before start',
      { endTime: '2030-01-01T09:00:00Z', startTime: '2030-01-01T10:00:00Z' },
      'body.endTime',
    ],
    ['a non-ISO date', { startTime: '01/15/2030 10:00' }, 'body.startTime'],
    ['a negative price', { price: -1 }, 'body.price'],
    ['an unknown field', { colour: 'red' }, 'body.colour'],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'body.timezone'],
  ])('answers 400 naming the field for %s', async (_name, patch, field) => {
    const r = await owner.client.post('/api/appointments', { title: 'X', ...nextSlot(), ...patch });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('VALIDATION_ERROR');
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('refuses a client booking for somebody else', async () => {
    const r = await client.client.post('/api/appointments', {
      title: 'X',
      ...nextSlot(),
      userId: otherClient.userId,
    });
    expect(r.statusCode).toBe(403);
  });

  it('answers 404 for a practitioner of another practice', async () => {
    const stranger = await signUpOwner(t.app);
    const r = await owner.client.post('/api/appointments', {
      title: 'X',
      ...nextSlot(),
      assignedAdminId: stranger.userId,
    });
    expect(r.statusCode).toBe(404);
  });
});

describe('GET /api/appointments', () => {
  it('shows a client their own appointments only, and staff all of the practice', async () => {
    const mine = await clientRequest({ title: 'Mine only' });
    await otherClient.client.post('/api/appointments', { title: 'Not yours', ...nextSlot() });
    const asClient = (await client.client.get('/api/appointments?limit=500')).json().data;
    expect(asClient.map((a: { id: string }) => a.id)).toContain(mine.id);
    expect(asClient.every((a: { userId: string }) => a.userId === client.userId)).toBe(true);
    const asOwner = (await owner.client.get('/api/appointments?limit=500')).json().data;
    expect(asOwner.some((a: { userId: string }) => a.userId === otherClient.userId)).toBe(true);
  });

  it('filters by status, type, dates and text, and pages with a cursor', async () => {
    const a = await clientRequest({ title: 'Needle in haystack', description: 'zebra' });
    const list = await owner.client.get('/api/appointments?search=zebra&status=pending&type=free');
    expect(list.json().data.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const byDate = await owner.client.get(
      `/api/appointments?startDate=${encodeURIComponent(a.startTime)}&endDate=${encodeURIComponent(a.startTime)}`,
    );
    expect(byDate.json().data.map((x: { id: string }) => x.id)).toEqual([a.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await owner.client.get(`/api/appointments?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().data.map((x: { id: string }) => x.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    const all = (await owner.client.get('/api/appointments?limit=500')).json().data;
    expect(seen).toEqual(all.map((x: { id: string }) => x.id));
  });

  it('answers 400 naming the field for an unknown status or a bad date', async () => {
    const r = await owner.client.get('/api/appointments?status=done&startDate=yesterday');
    expect(r.statusCode).toBe(400);
    const fields = r.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(fields).toEqual(expect.arrayContaining(['querystring.status', 'querystring.startDate']));
  });

  it('answers 400 naming limit for a limit not written in digits or out of range', async () => {
    for (const limit of ['0x10', '1e2', '2.5', '0', '501', 'fifty']) {
      const r = await owner.client.get(`/api/appointments?limit=${limit}`);
      expect({ limit, status: r.statusCode }).toEqual({ limit, status: 400 });
      expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
        'querystring.limit',
      ]);
    }
  });

  it('answers 400 naming the cursor for a forged one, an impossible date in it too', async () => {
    const impossible = Buffer.from(
      JSON.stringify(['2026-02-30T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
    ).toString('base64url');
    for (const cursor of ['not-a-cursor', impossible]) {
      const r = await owner.client.get(`/api/appointments?cursor=${cursor}`);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details.fields).toEqual([
        { path: 'querystring.cursor', message: 'Not a cursor from this API' },
      ]);
    }
  });
});

describe('GET/PUT/DELETE /api/appointments/:id', () => {
  it('lets a client confirm their own pending appointment, once', async () => {
    const a = await clientRequest();
    const r = await client.client.put(`/api/appointments/${a.id}`, { status: 'confirmed' });
    expect(r.statusCode).toBe(200);
    expect(r.json().data).toMatchObject({ status: 'confirmed', version: 2 });
    const again = await client.client.put(`/api/appointments/${a.id}`, { status: 'confirmed' });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.message).toBe('You can only confirm your own pending appointments');
  });

  it('prices a client’s request for a paid service as the service when staff confirm it without a price', async () => {
    const product = await owner.client.post('/api/admin/products', {
      name: 'Initial assessment',
      durationMinutes: 60,
      type: 'paid',
      price: 6000,
      currency: 'EUR',
    });
    expect(product.statusCode, product.body).toBe(201);
    const productId = product.json().data.id;
    const confirm = (id: string, body: Record<string, unknown> = {}) =>
      owner.client.put(`/api/appointments/${id}`, { status: 'confirmed', ...body });

    const asked = await clientRequest({ productId });
    expect(asked).toMatchObject({ productId, type: 'free', price: 0 });
    const confirmed = await confirm(asked.id);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().data).toMatchObject({
      status: 'confirmed',
      type: 'paid',
      price: 6000,
      currency: 'EUR',
    });

    // The practice's own choice stands: free said as free, or another price.
    const waived = await confirm((await clientRequest({ productId })).id, { type: 'free', price: 0 });
    expect(waived.json().data).toMatchObject({ type: 'free', price: 0 });
    const discounted = await confirm((await clientRequest({ productId })).id, { type: 'paid', price: 4500 });
    expect(discounted.json().data).toMatchObject({ type: 'paid', price: 4500 });
    // A request without a service stays free.
    expect((await confirm((await clientRequest()).id)).json().data).toMatchObject({ type: 'free', price: 0 });
  });

  it('prices a client’s request for a paid service as the service when the client confirms it themselves', async () => {
    const product = await owner.client.post('/api/admin/products', {
      name: 'Sports massage',
      durationMinutes: 60,
      type: 'paid',
      price: 5500,
      currency: 'EUR',
    });
    const asked = await clientRequest({ productId: product.json().data.id });
    const r = await client.client.put(`/api/appointments/${asked.id}`, { status: 'confirmed' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data).toMatchObject({ status: 'confirmed', type: 'paid', price: 5500 });
  });

  it('lets a client cancel only before the appointment begins; staff still can after', async () => {
    const start = new Date(Date.now() - 30 * 60_000);
    const begun = await owner.client.post('/api/appointments', {
      title: 'Under way',
      startTime: start.toISOString(),
      endTime: new Date(start.getTime() + 3_600_000).toISOString(),
      userId: client.userId,
      status: 'confirmed',
    });
    expect(begun.statusCode, begun.body).toBe(201);
    const id = begun.json().data.id;
    const byClient = await client.client.put(`/api/appointments/${id}`, { status: 'cancelled' });
    expect(byClient.statusCode).toBe(409);
    expect(byClient.json().error.message).toContain('already started');
    expect((await client.client.get(`/api/appointments/${id}`)).json().data.status).toBe('confirmed');
    const byStaff = await owner.client.put(`/api/appointments/${id}`, { status: 'cancelled' });
    expect(byStaff.json().data.status).toBe('cancelled');
    // Ahead, a client cancels as before.
    const ahead = await clientRequest();
    expect(
      (await client.client.put(`/api/appointments/${ahead.id}`, { status: 'cancelled' })).statusCode,
    ).toBe(200);
  });

  it("answers 404 to a client touching someone else's appointment", async () => {
    const a = await clientRequest();
    const r = await otherClient.client.put(`/api/appointments/${a.id}`, { status: 'confirmed' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.message).toBe('Appointment not found');
    expect((await otherClient.client.get(`/api/appointments/${a.id}`)).statusCode).toBe(404);
    expect((await otherClient.client.delete(`/api/appointments/${a.id}`)).statusCode).toBe(404);
  });

  it('answers 403 when a client marks an appointment completed', async () => {
    const a = await clientRequest();
    await owner.client.put(`/api/appointments/${a.id}`, { status: 'confirmed' });
    const r = await client.client.put(`/api/appointments/${a.id}`, { status: 'completed' });
    expect(r.statusCode).toBe(403);
  });

  it('lets staff complete, mark no-show, cancel, and refuses transitions out of final states', async () => {
    const a = await clientRequest();
    expect((await owner.client.put(`/api/appointments/${a.id}`, { status: 'completed' })).statusCode).toBe(
      409,
    );
    await owner.client.put(`/api/appointments/${a.id}`, { status: 'confirmed' });
    const done = await owner.client.put(`/api/appointments/${a.id}`, { status: 'completed' });
    expect(done.json().data.status).toBe('completed');
    const back = await owner.client.put(`/api/appointments/${a.id}`, { status: 'pending' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('INVALID_STATE');

    const b = await clientRequest();
    await owner.client.put(`/api/appointments/${b.id}`, { status: 'confirmed' });
    expect(
      (await owner.client.put(`/api/appointments/${b.id}`, { status: 'no_show' })).json().data.status,
    ).toBe('no_show');
    const c = await clientRequest();
    expect(
      (await client.client.put(`/api/appointments/${c.id}`, { status: 'cancelled' })).json().data.status,
    ).toBe('cancelled');
  });

  it('lets staff assign another admin as practitioner, but not a client', async () => {
    const admin = await addMember(t.app, owner.client, 'admin', 'Dr Admin');
    const a = await clientRequest();
    const r = await owner.client.put(`/api/appointments/${a.id}`, {
      assignedAdminId: admin.userId,
      status: 'confirmed',
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().data).toMatchObject({ assignedAdminId: admin.userId, status: 'confirmed' });
    const bad = await owner.client.put(`/api/appointments/${a.id}`, { assignedAdminId: client.userId });
    expect(bad.statusCode).toBe(404);
    const byClient = await client.client.put(`/api/appointments/${a.id}`, { assignedAdminId: owner.userId });
    expect(byClient.statusCode).toBe(403);
  });

  it('never shows notes to a client, and lets staff keep them', async () => {
    const a = await clientRequest();
    await owner.client.put(`/api/appointments/${a.id}`, { notes: 'prepare documentation' });
    expect((await owner.client.get(`/api/appointments/${a.id}`)).json().data.notes).toBe(
      'prepare documentation',
    );
    const seen = await client.client.get(`/api/appointments/${a.id}`);
    expect(seen.json().data).not.toHaveProperty('notes');
    const history = await client.client.get(`/api/appointments/${a.id}/history`);
    expect(JSON.stringify(history.json().data)).not.toContain('prepare documentation');
  });

  it('answers 400 naming endTime when an update puts the end before the start', async () => {
    const a = await clientRequest();
    const r = await owner.client.put(`/api/appointments/${a.id}`, { endTime: '2000-01-01T00:00:00Z' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields[0].path).toBe('body.endTime');
  });

  it('answers 404 for a malformed id and for an unknown one', async () => {
    expect((await owner.client.get('/api/appointments/not-a-uuid')).statusCode).toBe(404);
    expect((await owner.client.put('/api/appointments/not-a-uuid', { title: 'x' })).statusCode).toBe(404);
    expect(
      (await owner.client.get('/api/appointments/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it("answers 404, not 403, for another practice's appointment", async () => {
    const stranger = await signUpOwner(t.app);
    const theirs = await stranger.client.post('/api/appointments', { title: 'Theirs', ...nextSlot() });
    const id = theirs.json().data.id;
    expect((await owner.client.get(`/api/appointments/${id}`)).statusCode).toBe(404);
    expect((await owner.client.put(`/api/appointments/${id}`, { status: 'cancelled' })).statusCode).toBe(404);
    expect((await owner.client.delete(`/api/appointments/${id}`)).statusCode).toBe(404);
    expect((await owner.client.get(`/api/appointments/${id}/history`)).statusCode).toBe(404);
  });

  it('lets a client withdraw a pending request but not delete a confirmed one', async () => {
    const a = await clientRequest();
    expect((await client.client.delete(`/api/appointments/${a.id}`)).statusCode).toBe(204);
    expect((await client.client.get(`/api/appointments/${a.id}`)).statusCode).toBe(404);
    const b = await clientRequest();
    await owner.client.put(`/api/appointments/${b.id}`, { status: 'confirmed' });
    expect((await client.client.delete(`/api/appointments/${b.id}`)).statusCode).toBe(403);
    expect((await owner.client.delete(`/api/appointments/${b.id}`)).statusCode).toBe(204);
  });
});

describe('GET /api/appointments/:id/history', () => {
  it('records every change with its actor, action, before and after, and survives deletion', async () => {
    const a = await clientRequest({ title: 'Audited' });
    await owner.client.put(`/api/appointments/${a.id}`, { title: 'Audited, renamed' });
    await client.client.put(`/api/appointments/${a.id}`, { status: 'confirmed' });
    await owner.client.delete(`/api/appointments/${a.id}`);
    const r = await owner.client.get(`/api/appointments/${a.id}/history`);
    expect(r.statusCode).toBe(200);
    const events = r.json().data;
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'updated',
      'confirmed',
      'deleted',
    ]);
    expect(events[0]).toMatchObject({
      actorType: 'user',
      actorId: client.userId,
      actorName: 'Jean Dupont',
      before: null,
    });
    expect(events[1].before.title).toBe('Audited');
    expect(events[1].after.title).toBe('Audited, renamed');
    expect(events[2]).toMatchObject({ actorId: client.userId, after: { status: 'confirmed' } });
    expect(events[3]).toMatchObject({
      actorId: owner.userId,
      actorName: expect.stringMatching(/^Owner /),
      after: null,
    });
  });

  it('is empty, not a 404, for an appointment stored without a trail', async () => {
    const a = await clientRequest({ title: 'Written before auditing' });
    // As rows written before the audit trail existed, or by hand, would be.
    await t.database.db.delete(appointmentEvents).where(eq(appointmentEvents.appointmentId, a.id));
    for (const who of [owner, client]) {
      const r = await who.client.get(`/api/appointments/${a.id}/history`);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().data).toEqual([]);
    }
    expect((await otherClient.client.get(`/api/appointments/${a.id}/history`)).statusCode).toBe(404);
  });
});
