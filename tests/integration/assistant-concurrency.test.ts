import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../src/db/schema/index.ts';
import { createAssistant, openWeekdays } from '../support/assistants.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
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
});
