import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * GET /api/admin/practice/setup: which steps that make a practice bookable are done, for the
 * overview's checklist. Each answer is the caller's practice's alone.
 */
let t: TestApp;
let owner: SignedUpOwner;
let other: SignedUpOwner;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app, { organizationName: 'Fresh Clinic' });
  other = await signUpOwner(t.app, { organizationName: 'Harbour Physio' });
});
afterAll(() => t.close());

const setupOf = async (who: SignedUpOwner) => {
  const r = await who.client.get('/api/admin/practice/setup');
  expect(r.statusCode, r.body).toBe(200);
  return r.json().data;
};

describe('a practice’s setup', () => {
  it('starts with nothing done', async () => {
    expect(await setupOf(owner)).toEqual({
      openingHours: false,
      services: false,
      people: false,
      calendar: false,
      assistant: false,
    });
  });

  it('follows each step as it is done, in that practice only', async () => {
    const me = (await owner.client.get('/api/me')).json().data;
    const steps = [
      owner.client.post('/api/admin/availability/slots', {
        userId: me.user.id,
        dayOfWeek: 1,
        startTime: '09:00',
        endTime: '12:00',
        duration: 30,
      }),
      owner.client.post('/api/admin/products', { name: 'Consultation', durationMinutes: 30 }),
      owner.client.post('/api/admin/assistants', { name: 'Front desk' }),
    ];
    for (const r of await Promise.all(steps)) expect(r.statusCode, r.body).toBe(201);
    await addMember(t.app, owner.client, 'client', 'Jean Dupont');
    expect(await setupOf(owner)).toEqual({
      openingHours: true,
      services: true,
      people: true,
      calendar: false,
      assistant: true,
    });
    expect(Object.values(await setupOf(other)).some(Boolean)).toBe(false);
  });

  it('no longer counts a service withdrawn or an assistant revoked', async () => {
    const products = (await owner.client.get('/api/products')).json().data;
    await owner.client.put(`/api/admin/products/${products[0].id}`, { isActive: false });
    const assistants = (await owner.client.get('/api/admin/assistants')).json().data;
    await owner.client.delete(`/api/admin/assistants/${assistants[0].id}`);
    expect(await setupOf(owner)).toMatchObject({ services: false, assistant: false });
  });

  it('is for staff: a client gets 403, nobody signed in 401', async () => {
    const client = await addMember(t.app, owner.client, 'client', 'Marie Curie');
    expect((await client.client.get('/api/admin/practice/setup')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/practice/setup' })).statusCode).toBe(401);
  });
});
