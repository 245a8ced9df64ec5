import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;
let client: { client: TestClient; userId: string; email: string };

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
  client = await addMember(t.app, owner.client, 'client', 'Jean Dupont');
});
afterAll(() => t.close());

/** An hour this month (UTC noon of a day), so that stats count it. */
function thisMonth(day: number, hour = 10) {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), day, hour));
  return { startTime: start.toISOString(), endTime: new Date(start.getTime() + 3_600_000).toISOString() };
}

describe('POST /api/admin/appointments action "create" (user flow 1)', () => {
  it('creates a pending request for the client, assigned to the admin, with the client’s profile', async () => {
    const r = await owner.client.post('/api/admin/appointments', {
      action: 'create',
      clientEmail: client.email.toUpperCase(),
      title: 'Technical Consultation',
      description: 'Discuss project architecture',
      startTime: '2030-01-20T10:00:00Z',
      endTime: '2030-01-20T11:00:00Z',
      type: 'free',
      location: 'Paris Office',
      meetingUrl: 'https://meet.google.com/xyz',
      notes: 'VIP client - prepare demo',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().message).toBe('Appointment request sent to client');
    expect(r.json().data).toMatchObject({
      userId: client.userId,
      assignedAdminId: owner.userId,
      status: 'pending',
      attendeeEmail: client.email,
      attendeeName: 'Jean Dupont',
      notes: 'VIP client - prepare demo',
      source: 'admin',
    });

    // Flow 2: the client sees it pending, without the notes, and confirms it.
    const mine = (await client.client.get('/api/appointments?status=pending')).json().data;
    const request = mine.find((a: { id: string }) => a.id === r.json().data.id);
    expect(request).toBeDefined();
    expect(request).not.toHaveProperty('notes');
    const confirmed = await client.client.put(`/api/appointments/${request.id}`, { status: 'confirmed' });
    expect(confirmed.json().data.status).toBe('confirmed');
  });

  it('answers 404 "Client not found with this email" for an unknown or foreign email', async () => {
    const stranger = await signUpOwner(t.app);
    for (const clientEmail of ['nobody@example.com', stranger.email]) {
      const r = await owner.client.post('/api/admin/appointments', {
        action: 'create',
        clientEmail,
        title: 'X',
        startTime: '2030-01-21T10:00:00Z',
        endTime: '2030-01-21T11:00:00Z',
      });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.message).toBe('Client not found with this email');
    }
  });

  it('answers 400 "Missing required fields" naming them', async () => {
    const r = await owner.client.post('/api/admin/appointments', { action: 'create', title: 'X' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toBe('Missing required fields');
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual([
      'body.clientEmail',
      'body.startTime',
      'body.endTime',
    ]);
  });

  it('refuses an overlapping request with 409', async () => {
    const body = {
      action: 'create',
      clientEmail: client.email,
      title: 'Y',
      startTime: '2030-02-01T10:00:00Z',
      endTime: '2030-02-01T11:00:00Z',
    };
    expect((await owner.client.post('/api/admin/appointments', body)).statusCode).toBe(201);
    expect((await owner.client.post('/api/admin/appointments', body)).statusCode).toBe(409);
  });

  it('is for staff only', async () => {
    const r = await client.client.post('/api/admin/appointments', { action: 'stats' });
    expect(r.statusCode).toBe(403);
    expect((await client.client.get('/api/admin/appointments')).statusCode).toBe(403);
  });
});

describe('POST /api/admin/appointments action "stats"', () => {
  it("counts this month's appointments by status and money in cents", async () => {
    const practice = await signUpOwner(t.app);
    const patient = await addMember(t.app, practice.client, 'client');
    const book = async (day: number, body: Record<string, unknown>) => {
      const r = await practice.client.post('/api/appointments', {
        title: 'S',
        userId: patient.userId,
        ...thisMonth(day),
        ...body,
      });
      expect(r.statusCode).toBe(201);
      return r.json().data.id as string;
    };
    const paid = await book(2, { type: 'paid', price: 5000 });
    await practice.client.put(`/api/appointments/${paid}`, { isPaid: true, status: 'completed' });
    await book(3, { type: 'paid', price: 2500 });
    await book(4, { status: 'pending' });
    const cancelled = await book(5, { type: 'paid', price: 9900 });
    await practice.client.put(`/api/appointments/${cancelled}`, { status: 'cancelled' });
    const noShow = await book(6, {});
    await practice.client.put(`/api/appointments/${noShow}`, { status: 'no_show' });

    const r = await practice.client.post('/api/admin/appointments', { action: 'stats' });
    expect(r.statusCode).toBe(200);
    expect(r.json().data).toMatchObject({
      total: 5,
      pending: 1,
      confirmed: 1,
      completed: 1,
      cancelled: 1,
      noShow: 1,
      paidAppointments: 1,
      unpaidAppointments: 1,
      totalRevenue: 5000,
      unpaidAmount: 2500,
    });
  });

  it('lists every day of the month with its appointments, for the dashboard chart', async () => {
    const practice = await signUpOwner(t.app);
    const book = async (day: number, hour: number) => {
      const r = await practice.client.post('/api/appointments', { title: 'D', ...thisMonth(day, hour) });
      expect(r.statusCode).toBe(201);
    };
    await book(3, 9);
    await book(3, 14);
    await book(12, 10);

    const { data } = (await practice.client.post('/api/admin/appointments', { action: 'stats' })).json();
    const now = new Date();
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const daysInMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
    expect(data.month).toBe(month);
    expect(data.days).toHaveLength(daysInMonth);
    expect(data.days[0]).toEqual({ date: `${month}-01`, count: 0 });
    expect(data.days[2]).toEqual({ date: `${month}-03`, count: 2 });
    expect(data.days[11]).toEqual({ date: `${month}-12`, count: 1 });
    expect(data.days.reduce((sum: number, d: { count: number }) => sum + d.count, 0)).toBe(data.total);
  });
});

describe('GET /api/admin/appointments', () => {
  it('lists the whole practice with client, product and practitioner embedded', async () => {
    const product = await owner.client.post('/api/admin/products', {
      name: 'Consultation',
      durationMinutes: 60,
      type: 'paid',
      price: 5000,
    });
    const created = await owner.client.post('/api/appointments', {
      title: 'Embedded',
      userId: client.userId,
      productId: product.json().data.id,
      startTime: '2030-03-01T10:00:00Z',
      endTime: '2030-03-01T11:00:00Z',
    });
    expect(created.json().data).toMatchObject({ type: 'paid', price: 5000 });
    const r = await owner.client.get('/api/admin/appointments?search=Embedded');
    expect(r.statusCode).toBe(200);
    expect(r.json().data).toHaveLength(1);
    expect(r.json().data[0]).toMatchObject({
      user: { id: client.userId, firstName: 'Jean', lastName: 'Dupont', email: client.email },
      assignedAdmin: { id: owner.userId },
      product: { name: 'Consultation', price: 5000 },
    });
  });

  it('finds appointments by the client account’s name or email, not only by attendee fields', async () => {
    const patient = await addMember(t.app, owner.client, 'client', 'Zoé Marchand');
    const created = await owner.client.post('/api/appointments', {
      title: 'Follow-up',
      userId: patient.userId,
      attendeeName: 'Paul Parent',
      attendeeEmail: 'paul.parent@example.com',
      startTime: '2030-04-01T10:00:00Z',
      endTime: '2030-04-01T11:00:00Z',
    });
    expect(created.statusCode).toBe(201);
    for (const search of ['marchand', patient.email.toUpperCase()]) {
      const r = await owner.client.get(`/api/admin/appointments?search=${encodeURIComponent(search)}`);
      expect(r.json().data.map((a: { id: string }) => a.id)).toEqual([created.json().data.id]);
    }
  });

  it('narrows the list to who booked, and names an unknown one', async () => {
    const requested = await client.client.post('/api/appointments', {
      title: 'Asked by the client',
      startTime: '2031-05-06T10:00:00Z',
      endTime: '2031-05-06T11:00:00Z',
    });
    expect(requested.statusCode, requested.body).toBe(201);
    const booked = await owner.client.post('/api/appointments', {
      title: 'Booked by the practice',
      startTime: '2031-05-07T10:00:00Z',
      endTime: '2031-05-07T11:00:00Z',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const range = 'startDate=2031-05-01&endDate=2031-05-31';
    const titles = async (path: string) =>
      (await owner.client.get(path)).json().data.map((a: { title: string }) => a.title);
    expect(await titles(`/api/admin/appointments?${range}&source=client`)).toEqual(['Asked by the client']);
    expect(await titles(`/api/admin/appointments?${range}&source=admin`)).toEqual(['Booked by the practice']);
    expect(await titles(`/api/admin/appointments?${range}&source=assistant`)).toEqual([]);
    expect(await titles(`/api/appointments?${range}&source=client`)).toEqual(['Asked by the client']);
    const unknown = await owner.client.get(`/api/admin/appointments?${range}&source=robot`);
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error)).toContain('source');
  });

  it("never shows another practice's appointments", async () => {
    const stranger = await signUpOwner(t.app);
    await stranger.client.post('/api/appointments', {
      title: 'Secret of another practice',
      startTime: '2030-03-02T10:00:00Z',
      endTime: '2030-03-02T11:00:00Z',
    });
    const r = await owner.client.get('/api/admin/appointments?search=Secret');
    expect(r.json().data).toEqual([]);
  });
});
