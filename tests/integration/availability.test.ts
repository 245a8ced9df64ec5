import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;
let client: { client: TestClient; userId: string };

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
  client = await addMember(t.app, owner.client, 'client');
});
afterAll(() => t.close());

async function addSlot(who: TestClient, body: Record<string, unknown>) {
  const r = await who.post('/api/admin/availability/slots', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().data;
}

const starts = (r: { json: () => { data: { slots: { startTime: string }[] } } }) =>
  r.json().data.slots.map((s) => s.startTime);

describe('weekly openings and exceptions', () => {
  it('are managed by staff: create, list, update, delete', async () => {
    const slot = await addSlot(owner.client, {
      dayOfWeek: 2,
      startTime: '09:00',
      endTime: '12:00',
      duration: 30,
    });
    expect(slot).toMatchObject({ userId: owner.userId, timezone: 'Europe/Paris', maxAppointments: 6 });
    const updated = await owner.client.put(`/api/admin/availability/slots/${slot.id}`, { endTime: '13:00' });
    expect(updated.json().data.endTime).toBe('13:00');
    const list = (await owner.client.get('/api/admin/availability/slots')).json().data;
    expect(list.map((s: { id: string }) => s.id)).toContain(slot.id);
    expect((await owner.client.delete(`/api/admin/availability/slots/${slot.id}`)).statusCode).toBe(204);
    expect((await owner.client.delete(`/api/admin/availability/slots/${slot.id}`)).statusCode).toBe(404);

    const exception = await owner.client.post('/api/admin/availability/exceptions', {
      date: '2030-05-01',
      isAvailable: false,
      reason: 'Holiday',
    });
    expect(exception.statusCode).toBe(201);
    const exceptions = (await owner.client.get('/api/admin/availability/exceptions')).json().data;
    expect(exceptions).toHaveLength(1);
    expect(
      (await owner.client.delete(`/api/admin/availability/exceptions/${exception.json().data.id}`))
        .statusCode,
    ).toBe(204);
  });

  it.each([
    ['an end before the start', { startTime: '12:00', endTime: '09:00' }, 'body.endTime'],
    ['a time not as HH:mm', { startTime: '9am' }, 'body.startTime'],
    ['a day of week out of range', { dayOfWeek: 7 }, 'body.dayOfWeek'],
    ['a negative buffer', { bufferBefore: -5 }, 'body.bufferBefore'],
    [
      'appointments longer than the opening',
      { startTime: '02:00', endTime: '02:30', duration: 1440 },
      'body.duration',
    ],
  ])('answers 400 naming the field for %s', async (_name, patch, field) => {
    const r = await owner.client.post('/api/admin/availability/slots', {
      dayOfWeek: 1,
      startTime: '09:00',
      endTime: '12:00',
      duration: 30,
      ...patch,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('refuses a change that leaves the opening shorter than its appointments', async () => {
    const slot = await addSlot(owner.client, {
      dayOfWeek: 3,
      startTime: '09:00',
      endTime: '12:00',
      duration: 60,
    });
    const r = await owner.client.put(`/api/admin/availability/slots/${slot.id}`, { endTime: '09:30' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields).toEqual([
      { path: 'body.duration', message: 'Must fit between startTime and endTime (30 minutes)' },
    ]);
    await owner.client.delete(`/api/admin/availability/slots/${slot.id}`);
  });

  it('are closed to clients, and another practice’s are 404', async () => {
    expect((await client.client.get('/api/admin/availability/slots')).statusCode).toBe(403);
    const stranger = await signUpOwner(t.app);
    const theirs = await addSlot(stranger.client, {
      dayOfWeek: 1,
      startTime: '09:00',
      endTime: '10:00',
      duration: 30,
    });
    expect(
      (await owner.client.put(`/api/admin/availability/slots/${theirs.id}`, { duration: 15 })).statusCode,
    ).toBe(404);
    expect((await owner.client.delete(`/api/admin/availability/slots/${theirs.id}`)).statusCode).toBe(404);
  });
});

describe('openings that share time', () => {
  let practice: SignedUpOwner;
  const monday = { dayOfWeek: 1, startTime: '09:00', endTime: '12:00', duration: 30 };
  const openings = async () =>
    (await practice.client.get('/api/admin/availability/slots')).json().data as {
      id: string;
      dayOfWeek: number;
      startTime: string;
      endTime: string;
      isActive: boolean;
    }[];

  beforeAll(async () => {
    practice = await signUpOwner(t.app);
  });

  it('refuses an exact repeat of an opening with 409, keeping the one there is', async () => {
    const first = await addSlot(practice.client, monday);
    const repeat = await practice.client.post('/api/admin/availability/slots', monday);
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json().error).toMatchObject({
      code: 'OVERLAPPING_OPENING',
      message: 'This weekly opening already exists (Monday 09:00–12:00)',
      details: { slotId: first.id },
    });
    expect((await openings()).map((o) => o.id)).toEqual([first.id]);
  });

  it('refuses an opening overlapping another that day, and a change that would make one overlap', async () => {
    const morning = (await openings())[0]!;
    const overlapping = await practice.client.post('/api/admin/availability/slots', {
      ...monday,
      startTime: '11:00',
      endTime: '14:00',
    });
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().error).toMatchObject({
      code: 'OVERLAPPING_OPENING',
      message: 'This opening overlaps another of the same practitioner (Monday 09:00–12:00)',
      details: { slotId: morning.id },
    });
    expect(await openings()).toHaveLength(1);

    // Back to back is fine: an opening ends where the next begins.
    const afternoon = await addSlot(practice.client, { ...monday, startTime: '12:00', endTime: '18:00' });
    const stretched = await practice.client.put(`/api/admin/availability/slots/${afternoon.id}`, {
      startTime: '11:30',
    });
    expect(stretched.statusCode).toBe(409);
    expect(stretched.json().error.details.slotId).toBe(morning.id);
    expect((await openings()).map((o) => [o.startTime, o.endTime])).toEqual([
      ['09:00', '12:00'],
      ['12:00', '18:00'],
    ]);
  });

  it('allows the same hours on another day, for another practitioner, or paused until resumed', async () => {
    await addSlot(practice.client, { ...monday, dayOfWeek: 2 });
    const colleague = await addMember(t.app, practice.client, 'admin');
    await addSlot(practice.client, { ...monday, userId: colleague.userId });
    const paused = await addSlot(practice.client, { ...monday, isActive: false });
    const resumed = await practice.client.put(`/api/admin/availability/slots/${paused.id}`, {
      isActive: true,
    });
    expect(resumed.statusCode).toBe(409);
    expect(resumed.json().error.code).toBe('OVERLAPPING_OPENING');
    expect((await openings()).find((o) => o.id === paused.id)).toMatchObject({ isActive: false });
  });

  it('makes one opening of two identical requests sent at once (a double click)', async () => {
    const friday = { ...monday, dayOfWeek: 5 };
    const answers = await Promise.all([
      practice.client.post('/api/admin/availability/slots', friday),
      practice.client.post('/api/admin/availability/slots', friday),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await openings()).filter((o) => o.dayOfWeek === 5)).toHaveLength(1);
  });
});

describe('GET /api/availability', () => {
  let practice: SignedUpOwner;
  beforeAll(async () => {
    practice = await signUpOwner(t.app);
    // Sundays 09:00-12:00 Paris, hourly.
    await addSlot(practice.client, { dayOfWeek: 0, startTime: '09:00', endTime: '12:00', duration: 60 });
  });

  it('keeps 09:00 Paris across the March and October changes (last Sundays)', async () => {
    const march = await practice.client.get(
      '/api/availability?startDate=2030-03-31&endDate=2030-03-31&timezone=Europe/Paris',
    );
    expect(march.statusCode).toBe(200);
    expect(march.json().data.slots[0]).toEqual({
      startTime: '2030-03-31T07:00:00.000Z',
      endTime: '2030-03-31T08:00:00.000Z',
      localStartTime: '2030-03-31T09:00:00+02:00',
      localEndTime: '2030-03-31T10:00:00+02:00',
      date: '2030-03-31',
    });
    const october = await practice.client.get(
      '/api/availability?startDate=2030-10-27&endDate=2030-10-27&timezone=Europe/Paris',
    );
    expect(starts(october)).toEqual([
      '2030-10-27T08:00:00.000Z',
      '2030-10-27T09:00:00.000Z',
      '2030-10-27T10:00:00.000Z',
    ]);
  });

  it('shows the times in a half-hour zone the caller asks for (Asia/Kolkata)', async () => {
    const r = await practice.client.get(
      '/api/availability?startDate=2030-10-27&endDate=2030-10-27&timezone=Asia/Kolkata',
    );
    expect(r.json().data.slots.map((s: { localStartTime: string }) => s.localStartTime)).toEqual([
      '2030-10-27T13:30:00+05:30',
      '2030-10-27T14:30:00+05:30',
      '2030-10-27T15:30:00+05:30',
    ]);
  });

  it('removes booked times, blocked dates and busy time from connected calendars', async () => {
    const day = '/api/availability?startDate=2030-06-02&endDate=2030-06-02';
    expect(starts(await practice.client.get(day))).toHaveLength(3);

    await practice.client.post('/api/appointments', {
      title: 'Booked',
      startTime: '2030-06-02T07:00:00Z',
      endTime: '2030-06-02T08:00:00Z',
    });
    const connectionId = randomUUID();
    await t.database.query(
      `insert into calendar_connections (id, tenant_id, user_id, provider) values ($1, $2, $3, 'google')`,
      [connectionId, practice.tenantId, practice.userId],
    );
    await t.database.query(
      `insert into calendar_busy_blocks (tenant_id, connection_id, user_id, external_event_id, start_time, end_time)
       values ($1, $2, $3, 'evt1', '2030-06-02T09:30:00Z', '2030-06-02T09:45:00Z')`,
      [practice.tenantId, connectionId, practice.userId],
    );
    expect(starts(await practice.client.get(day))).toEqual(['2030-06-02T08:00:00.000Z']);

    await practice.client.post('/api/admin/availability/exceptions', {
      date: '2030-06-09',
      isAvailable: false,
    });
    expect(
      starts(await practice.client.get('/api/availability?startDate=2030-06-09&endDate=2030-06-09')),
    ).toEqual([]);
  });

  it('uses a product’s duration and refuses an unknown product', async () => {
    const product = await practice.client.post('/api/admin/products', { name: 'Court', durationMinutes: 30 });
    const r = await practice.client.get(
      `/api/availability?startDate=2030-07-07&endDate=2030-07-07&productId=${product.json().data.id}`,
    );
    expect(starts(r)).toHaveLength(6);
    const unknown = await practice.client.get(
      `/api/availability?startDate=2030-07-07&endDate=2030-07-07&productId=${randomUUID()}`,
    );
    expect(unknown.statusCode).toBe(404);
  });

  it('offers nothing in the past or within the minimum notice', async () => {
    const r = await practice.client.get('/api/availability?startDate=2020-01-05&endDate=2020-01-05');
    expect(r.json().data.slots).toEqual([]);
  });

  it.each([
    ['a non-ISO date', 'startDate=05/01/2030&endDate=2030-05-02', 'querystring.startDate'],
    ['an end before the start', 'startDate=2030-05-02&endDate=2030-05-01', 'querystring.endDate'],
    ['a range over 62 days', 'startDate=2030-01-01&endDate=2030-12-31', 'querystring.endDate'],
    [
      'an unknown zone',
      'startDate=2030-05-01&endDate=2030-05-02&timezone=Nowhere/City',
      'querystring.timezone',
    ],
  ])('answers 400 naming the field for %s', async (_name, query, field) => {
    const r = await practice.client.get(`/api/availability?${query}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });
});
