import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../src/db/schema/index.ts';
import { createAssistant, openWeekdays } from '../support/assistants.ts';
import { addMember, type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
  await openWeekdays(owner.client);
});
afterAll(() => t.close());

async function appointmentsStartingAt(startTime: string) {
  return t.database.db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.tenantId, owner.tenantId), eq(appointments.startTime, new Date(startTime))));
}

const statuses = (responses: { statusCode: number }[]) =>
  responses.reduce<Record<number, number>>((count, r) => {
    count[r.statusCode] = (count[r.statusCode] ?? 0) + 1;
    return count;
  }, {});

describe('concurrent bookings through the assistant API', () => {
  it('gives one slot to exactly one of 50 simultaneous callers; the other 49 get 409', async () => {
    const desk = await createAssistant(t.app, owner.client);
    const startTime = '2030-01-08T08:00:00.000Z';
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        desk.client.book({
          startTime,
          attendeeName: `Caller ${i}`,
          phone: `+3360000${String(i).padStart(4, '0')}`,
        }),
      ),
    );
    expect(statuses(responses)).toEqual({ 201: 1, 409: 49 });
    for (const r of responses.filter((r) => r.statusCode === 409)) {
      expect(r.json()).toMatchObject({ success: false, error: { code: 'OVERLAPPING_APPOINTMENT' } });
    }
    const winner = responses.find((r) => r.statusCode === 201)!.json().data;
    expect(await appointmentsStartingAt(startTime)).toEqual([{ id: winner.id }]);
  });

  it('books once for one Idempotency-Key sent 20 times at once, and all 20 answers name that booking', async () => {
    const desk = await createAssistant(t.app, owner.client);
    const startTime = '2030-01-09T08:00:00.000Z';
    const body = { startTime, attendeeName: 'Jean Dupont', phone: '+33612345678' };
    const responses = await Promise.all(Array.from({ length: 20 }, () => desk.client.book(body, 'call-42')));
    expect(statuses(responses)).toEqual({ 201: 1, 200: 19 });
    const ids = new Set(responses.map((r) => r.json().data.id));
    expect(ids.size).toBe(1);
    expect(await appointmentsStartingAt(startTime)).toEqual([{ id: [...ids][0] }]);
  });

  it('gives one time to one booking whichever way they race: staff, a client, the assistant, a move', async () => {
    const desk = await createAssistant(t.app, owner.client);
    const client = await addMember(t.app, owner.client, 'client');
    // 2030-01-10 is a Thursday: 09:00 in Paris, within the practitioner's openings.
    const startTime = '2030-01-10T08:00:00.000Z';
    const endTime = '2030-01-10T08:30:00.000Z';
    const moved = await owner.client.post('/api/appointments', {
      title: 'To be moved',
      startTime: '2030-01-10T13:00:00.000Z',
      endTime: '2030-01-10T13:30:00.000Z',
      assignedAdminId: owner.userId,
    });
    expect(moved.statusCode, moved.body).toBe(201);
    const movedId = moved.json().data.id as string;

    const attempts = [
      ...Array.from(
        { length: 5 },
        (_, i) => () =>
          owner.client.post('/api/appointments', {
            title: `Staff booking ${i}`,
            startTime,
            endTime,
            assignedAdminId: owner.userId,
          }),
      ),
      ...Array.from(
        { length: 5 },
        (_, i) => () =>
          client.client.post('/api/appointments', { title: `Request ${i}`, startTime, endTime }),
      ),
      ...Array.from(
        { length: 5 },
        (_, i) => () =>
          desk.client.book({
            startTime,
            attendeeName: `Caller ${i}`,
            phone: `+3361111${String(i).padStart(4, '0')}`,
          }),
      ),
      ...Array.from(
        { length: 3 },
        () => () => owner.client.put(`/api/appointments/${movedId}`, { startTime, endTime }),
      ),
    ];
    const responses = await Promise.all(attempts.map((attempt) => attempt()));
    const codes = statuses(responses);
    // One appointment wins the time. The three moves are of one appointment: if it wins, each of
    // them may succeed (moving it where it already is overlaps nothing but itself).
    const won = responses.filter((r) => r.statusCode === 200 || r.statusCode === 201);
    const winners = new Set(won.map((r) => r.json().data.id as string));
    expect([...winners], JSON.stringify(codes)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode !== 409 && !won.includes(r))).toEqual([]);
    for (const r of responses.filter((r) => r.statusCode === 409))
      expect(['OVERLAPPING_APPOINTMENT', 'SLOT_UNAVAILABLE']).toContain(r.json().error.code);

    // The database agrees: one appointment holds the time, whichever path won it.
    const holding = await t.database.db
      .select({ id: appointments.id, status: appointments.status })
      .from(appointments)
      .where(
        and(
          eq(appointments.tenantId, owner.tenantId),
          eq(appointments.startTime, new Date(startTime)),
          eq(appointments.assignedAdminId, owner.userId),
        ),
      );
    expect(holding.filter((a) => a.status === 'pending' || a.status === 'confirmed')).toHaveLength(1);
    expect(holding.map((a) => a.id)).toContain([...winners][0]);
  });
});
