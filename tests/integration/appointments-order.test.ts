import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;

/** Five appointments on five consecutive days of January 2031, titled by their day. */
beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
  for (const day of [3, 1, 5, 2, 4]) {
    const start = new Date(Date.UTC(2031, 0, day, 9));
    const created = await owner.client.post('/api/appointments', {
      title: `Day ${day}`,
      startTime: start.toISOString(),
      endTime: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    expect(created.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

const titles = (body: { data: { title: string }[] }) => body.data.map((a) => a.title);

describe('GET /api/appointments order', () => {
  it('lists the earliest first by default', async () => {
    const r = await owner.client.get('/api/appointments?startDate=2031-01-01&endDate=2031-01-31');
    expect(titles(r.json())).toEqual(['Day 1', 'Day 2', 'Day 3', 'Day 4', 'Day 5']);
  });

  it('lists the latest first with order=desc, and its pages continue backwards', async () => {
    const first = await owner.client.get('/api/appointments?endDate=2031-01-31&order=desc&limit=2');
    expect(titles(first.json())).toEqual(['Day 5', 'Day 4']);
    const cursor = first.json().nextCursor;
    const second = await owner.client.get(
      `/api/appointments?endDate=2031-01-31&order=desc&limit=2&cursor=${cursor}`,
    );
    expect(titles(second.json())).toEqual(['Day 3', 'Day 2']);
    const last = await owner.client.get(
      `/api/appointments?endDate=2031-01-31&order=desc&limit=2&cursor=${second.json().nextCursor}`,
    );
    expect(titles(last.json())).toEqual(['Day 1']);
    expect(last.json().nextCursor).toBeNull();
  });

  it('refuses an order it does not know, naming the parameter', async () => {
    const r = await owner.client.get('/api/appointments?order=newest');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain('querystring.order');
  });
});
