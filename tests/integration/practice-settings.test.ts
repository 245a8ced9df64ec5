import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * PATCH /api/admin/practice: staff rename their practice and move it to another zone. Opening
 * hours kept in the practice's zone move with it, keeping their clock times.
 */
let t: TestApp;
let owner: SignedUpOwner;
let admin: { client: TestClient };
let client: { client: TestClient };
let other: SignedUpOwner;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app, { organizationName: 'Cabinet Dubois' });
  admin = await addMember(t.app, owner.client, 'admin', 'Dr Admin');
  client = await addMember(t.app, owner.client, 'client', 'Jean Dupont');
  other = await signUpOwner(t.app, { organizationName: 'Harbour Physio' });
});
afterAll(() => t.close());

const me = async (who: TestClient) => (await who.get('/api/me')).json().data.tenant;
const slots = async () =>
  (await owner.client.get('/api/admin/availability/slots')).json().data as {
    startTime: string;
    timezone: string;
  }[];

/** Monday 2 December 2030's first bookable instant, as the practice's clients see it. */
async function firstMondaySlot() {
  const r = await owner.client.get('/api/availability?startDate=2030-12-02&endDate=2030-12-02');
  expect(r.statusCode, r.body).toBe(200);
  return r.json().data.slots[0] as { startTime: string; localStartTime: string };
}

describe('the practice’s name and time zone', () => {
  it('are changed by the owner, and the opening hours keep their clock times', async () => {
    expect(await me(owner.client)).toMatchObject({ name: 'Cabinet Dubois', timezone: 'Europe/Paris' });
    const add = (body: object) => owner.client.post('/api/admin/availability/slots', body);
    expect((await add({ dayOfWeek: 1, startTime: '09:00', endTime: '12:00', duration: 30 })).statusCode).toBe(
      201,
    );
    // An opening kept in a zone of its own (a practitioner working from New York) keeps it.
    const remote = {
      dayOfWeek: 2,
      startTime: '09:00',
      endTime: '12:00',
      duration: 30,
      timezone: 'America/New_York',
    };
    expect((await add(remote)).statusCode).toBe(201);
    const closure = await owner.client.post('/api/admin/availability/exceptions', {
      date: '2030-12-25',
      isAvailable: false,
    });
    expect(closure.statusCode, closure.body).toBe(201);
    // 09:00 in Paris is 08:00 UTC in winter.
    expect(await firstMondaySlot()).toMatchObject({ startTime: '2030-12-02T08:00:00.000Z' });

    const r = await owner.client.patch('/api/admin/practice', {
      name: '  Cabinet Dubois & Associés ',
      timezone: 'Europe/London',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data.tenant).toMatchObject({
      name: 'Cabinet Dubois & Associés',
      timezone: 'Europe/London',
    });
    expect(await me(client.client)).toMatchObject({
      name: 'Cabinet Dubois & Associés',
      timezone: 'Europe/London',
    });

    expect((await slots()).map((s) => [s.startTime, s.timezone]).sort()).toEqual([
      ['09:00', 'America/New_York'],
      ['09:00', 'Europe/London'],
    ]);
    const exceptions = (await owner.client.get('/api/admin/availability/exceptions')).json().data;
    expect(exceptions).toEqual([expect.objectContaining({ date: '2030-12-25', timezone: 'Europe/London' })]);
    // Still 09:00 on the practice's clock, now London's: 09:00 UTC in winter.
    expect(await firstMondaySlot()).toMatchObject({
      startTime: '2030-12-02T09:00:00.000Z',
      localStartTime: '2030-12-02T09:00:00+00:00',
    });
  });

  it('are changed by an admin too, one at a time', async () => {
    const renamed = await admin.client.patch('/api/admin/practice', { name: 'Cabinet Dubois' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().data.tenant).toMatchObject({ name: 'Cabinet Dubois', timezone: 'Europe/London' });
    const nothing = await admin.client.patch('/api/admin/practice', {});
    expect(nothing.statusCode).toBe(200);
    expect(nothing.json().data.tenant).toMatchObject({ name: 'Cabinet Dubois', timezone: 'Europe/London' });
  });

  it('are refused to a client, and to nobody signed in, changing nothing', async () => {
    const refused = await client.client.patch('/api/admin/practice', { name: 'Mine now' });
    expect(refused.statusCode).toBe(403);
    const anonymous = await owner.client.request(
      'PATCH',
      '/api/admin/practice',
      { name: 'x' },
      { cookie: '' },
    );
    expect(anonymous.statusCode).toBe(401);
    expect(await me(owner.client)).toMatchObject({ name: 'Cabinet Dubois', timezone: 'Europe/London' });
  });

  it('refuses bad input with a 400 naming the field, changing nothing', async () => {
    const cases: [object, string][] = [
      [{ timezone: 'Mars/Olympus' }, 'body.timezone'],
      [{ timezone: 'europe/paris' }, 'body.timezone'],
      [{ name: '   ' }, 'body.name'],
      [{ name: 'x'.repeat(121) }, 'body.name'],
      [{ name: 42 }, 'body.name'],
    ];
    for (const [body, path] of cases) {
      const r = await owner.client.patch('/api/admin/practice', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    const unknown = await owner.client.patch('/api/admin/practice', { slug: 'taken' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('slug');
    expect(await me(owner.client)).toMatchObject({ name: 'Cabinet Dubois', timezone: 'Europe/London' });
  });

  it('leaves every other practice as it was', async () => {
    expect(await me(other.client)).toMatchObject({ name: 'Harbour Physio', timezone: 'Europe/Paris' });
  });
});
