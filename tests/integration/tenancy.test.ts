import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let practiceA: SignedUpOwner;
let practiceB: SignedUpOwner;
beforeAll(async () => {
  t = await createTestApp();
  practiceA = await signUpOwner(t.app, { organizationName: 'Practice A' });
  practiceB = await signUpOwner(t.app, { organizationName: 'Practice B' });
});
afterAll(() => t.close());

describe('people of a practice', () => {
  it('lets the owner create a client who can sign in and belongs to the same practice', async () => {
    const client = await addMember(t.app, practiceA.client, 'client', 'Jean Dupont');
    const me = (await client.client.get('/api/me')).json().data;
    expect(me).toMatchObject({
      role: 'client',
      tenant: { id: practiceA.tenantId },
      user: { name: 'Jean Dupont' },
    });
  });

  it('lets the owner add an admin, who can add clients in turn', async () => {
    const admin = await addMember(t.app, practiceA.client, 'admin');
    const client = await addMember(t.app, admin.client, 'client');
    const list = (await admin.client.get('/api/admin/users')).json().data as { id: string; role: string }[];
    expect(list.map((m) => m.id)).toEqual(
      expect.arrayContaining([practiceA.userId, admin.userId, client.userId]),
    );
  });

  it('refuses admin actions to clients', async () => {
    const client = await addMember(t.app, practiceA.client, 'client');
    const list = await client.client.get('/api/admin/users');
    expect(list.statusCode).toBe(403);
    const create = await client.client.post('/api/admin/users', {
      name: 'Eve',
      email: 'eve@example.com',
      password: 'long password',
      role: 'admin',
    });
    expect(create.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/users?role=client' })).statusCode).toBe(401);
  });

  it('refuses an email that already has an account', async () => {
    const response = await practiceA.client.post('/api/admin/users', {
      name: 'Copy',
      email: practiceB.email,
      password: 'long password',
      role: 'client',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('EMAIL_TAKEN');
  });

  it('does not let anyone remove the owner', async () => {
    const admin = await addMember(t.app, practiceA.client, 'admin');
    const response = await admin.client.delete(`/api/admin/users/${practiceA.userId}`);
    expect(response.statusCode).toBe(403);
  });
});

describe('tenant isolation', () => {
  it('answers 404 for every resource of another practice, as if it did not exist', async () => {
    const clientOfB = await addMember(t.app, practiceB.client, 'client');
    const adminOfB = await addMember(t.app, practiceB.client, 'admin');
    for (const id of [practiceB.userId, clientOfB.userId, adminOfB.userId]) {
      const read = await practiceA.client.get(`/api/admin/users/${id}`);
      expect(read.statusCode, `GET user ${id}`).toBe(404);
      const remove = await practiceA.client.delete(`/api/admin/users/${id}`);
      expect(remove.statusCode, `DELETE user ${id}`).toBe(404);
    }
    const unknown = await practiceA.client.get('/api/admin/users/does-not-exist');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    // ...and practice B still has all of them.
    const listB = (await practiceB.client.get('/api/admin/users')).json().data as { id: string }[];
    expect(listB.map((m) => m.id)).toEqual(expect.arrayContaining([clientOfB.userId, adminOfB.userId]));
  });

  it("keeps each practice's voice assistants and their keys to itself", async () => {
    const created = await practiceB.client.post('/api/admin/assistants', { name: 'B desk' });
    const { id, apiKey } = created.json().data;
    expect((await practiceA.client.delete(`/api/admin/assistants/${id}`)).statusCode).toBe(404);
    const listA = (await practiceA.client.get('/api/admin/assistants')).json().data as { id: string }[];
    expect(listA.map((a) => a.id)).not.toContain(id);
    await practiceA.client.post('/api/admin/products', { name: 'A only', durationMinutes: 30 });
    const seenByB = await t.app.inject({
      method: 'GET',
      url: '/api/assistant/products',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(seenByB.statusCode).toBe(200);
    expect(seenByB.json().data).toEqual([]);
  });

  it("lists only the caller's own practice", async () => {
    const listA = (await practiceA.client.get('/api/admin/users')).json().data as { id: string }[];
    expect(listA.map((m) => m.id)).not.toContain(practiceB.userId);
  });
});
