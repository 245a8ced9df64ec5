import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Staff acting on a member's account: PUT /api/admin/users/:id/password gives a new password to
 * a member who lost theirs (Rendezvous sends no email), signing out whoever held the old one;
 * PATCH /api/admin/users/:id corrects their name or phone. The owner may for anyone but
 * themselves, an admin for clients only.
 */
let t: TestApp;
let owner: SignedUpOwner;
let admin: Awaited<ReturnType<typeof addMember>>;
let otherAdmin: Awaited<ReturnType<typeof addMember>>;
let client: Awaited<ReturnType<typeof addMember>>;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
  admin = await addMember(t.app, owner.client, 'admin', 'Dr Admin');
  otherAdmin = await addMember(t.app, owner.client, 'admin', 'Dr Other');
  client = await addMember(t.app, owner.client, 'client', 'Jean Dupont');
});
afterAll(() => t.close());

const signIn = async (email: string, password: string) =>
  (await new TestClient(t.app).post('/api/auth/sign-in/email', { email, password })).statusCode;
const setPassword = (who: TestClient, userId: string, password: unknown) =>
  who.request('PUT', `/api/admin/users/${userId}/password`, { password });

describe('a new password for a member', () => {
  it('is set by an admin for a client, whose old sessions end', async () => {
    const r = await setPassword(admin.client, client.userId, 'handed over by phone');
    expect(r.statusCode, r.body).toBe(204);
    expect((await client.client.get('/api/me')).statusCode).toBe(401);
    expect(await signIn(client.email, client.password)).toBe(401);
    expect(await signIn(client.email, 'handed over by phone')).toBe(200);
  });

  it('is set by the owner for an admin', async () => {
    expect((await setPassword(owner.client, admin.userId, 'a new admin password')).statusCode).toBe(204);
    expect(await signIn(admin.email, 'a new admin password')).toBe(200);
    admin.client = new TestClient(t.app);
    await admin.client.post('/api/auth/sign-in/email', {
      email: admin.email,
      password: 'a new admin password',
    });
  });

  it('is refused to an admin for another admin or the owner, to anyone for themselves, and to clients', async () => {
    const refusals: [TestClient, string, number][] = [
      [admin.client, otherAdmin.userId, 403],
      [admin.client, owner.userId, 403],
      [admin.client, admin.userId, 403],
      [owner.client, owner.userId, 403],
      [client.client, client.userId, 401],
    ];
    for (const [who, target, status] of refusals) {
      const r = await setPassword(who, target, 'an attempt to take over');
      expect(r.statusCode, `${target}: ${r.body}`).toBe(status);
    }
    const jean = new TestClient(t.app);
    await jean.post('/api/auth/sign-in/email', { email: client.email, password: 'handed over by phone' });
    expect((await setPassword(jean, otherAdmin.userId, 'an attempt to take over')).statusCode).toBe(403);
    expect(await signIn(otherAdmin.email, otherAdmin.password)).toBe(200);
    expect(await signIn(owner.email, owner.password)).toBe(200);
    expect(await signIn(otherAdmin.email, 'an attempt to take over')).toBe(401);
  });

  it('is refused for another practice’s people (404) and for a bad password (400), changing nothing', async () => {
    const other = await signUpOwner(t.app, { organizationName: 'Harbour Physio' });
    const theirs = await addMember(t.app, other.client, 'client', 'Not yours');
    expect((await setPassword(owner.client, theirs.userId, 'an attempt to take over')).statusCode).toBe(404);
    for (const bad of ['short', 'x'.repeat(129), 42, null]) {
      const r = await setPassword(owner.client, otherAdmin.userId, bad);
      expect(r.statusCode, String(bad)).toBe(400);
      expect(r.json().error.details.fields[0].path).toBe('body.password');
    }
    const extra = await owner.client.request('PUT', `/api/admin/users/${otherAdmin.userId}/password`, {
      password: 'long enough password',
      role: 'owner',
    });
    expect(extra.statusCode).toBe(400);
    expect(await signIn(theirs.email, theirs.password)).toBe(200);
    expect(await signIn(otherAdmin.email, otherAdmin.password)).toBe(200);
  });
});

/** PATCH /api/admin/users/:id: the same people may correct a member's name or phone. */
describe('a member’s details', () => {
  const update = (who: TestClient, userId: string, body: unknown) =>
    who.request('PATCH', `/api/admin/users/${userId}`, body);

  it('are corrected by staff, and the list shows them', async () => {
    const staff = await addMember(t.app, owner.client, 'admin', 'Dr Staff');
    const patient = await addMember(t.app, owner.client, 'client', 'Jean Dupnot');
    const r = await update(staff.client, patient.userId, {
      name: ' Jean Dupont ',
      phone: '+33 6 98 76 54 32',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data).toMatchObject({
      id: patient.userId,
      name: 'Jean Dupont',
      phone: '+33 6 98 76 54 32',
    });
    const listed = (await owner.client.get('/api/admin/users')).json().data as {
      id: string;
      phone: string;
    }[];
    expect(listed.find((m) => m.id === patient.userId)).toMatchObject({ phone: '+33 6 98 76 54 32' });
    const cleared = await update(owner.client, patient.userId, { phone: '' });
    expect(cleared.json().data.phone).toBeNull();
    expect((await update(owner.client, staff.userId, { name: 'Dr Staff Martin' })).statusCode).toBe(200);
  });

  it('are refused as a password is: admins on admins or the owner, anyone on themselves, clients', async () => {
    const staff = await addMember(t.app, owner.client, 'admin', 'Dr Staff 2');
    const peer = await addMember(t.app, owner.client, 'admin', 'Dr Peer');
    const patient = await addMember(t.app, owner.client, 'client', 'Marie Curie');
    const refusals: [TestClient, string, number][] = [
      [staff.client, peer.userId, 403],
      [staff.client, owner.userId, 403],
      [staff.client, staff.userId, 403],
      [owner.client, owner.userId, 403],
      [patient.client, peer.userId, 403],
    ];
    for (const [who, target, status] of refusals) {
      const r = await update(who, target, { name: 'Taken over' });
      expect(r.statusCode, `${target}: ${r.body}`).toBe(status);
    }
    const other = await signUpOwner(t.app, { organizationName: 'Cabinet B' });
    const theirs = await addMember(t.app, other.client, 'client', 'Not yours');
    expect((await update(owner.client, theirs.userId, { name: 'Taken over' })).statusCode).toBe(404);
    for (const bad of [
      { name: '  ' },
      { name: 'x'.repeat(121) },
      { phone: 'x'.repeat(41) },
      { email: 'a@b.c' },
    ]) {
      expect((await update(owner.client, patient.userId, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    const names = ((await owner.client.get('/api/admin/users')).json().data as { name: string }[]).map(
      (m) => m.name,
    );
    expect(names).not.toContain('Taken over');
    expect(names).toContain('Marie Curie');
  });
});

/** DELETE /api/admin/users/:id: removing someone follows the same rule as acting on their account. */
describe('removing a member', () => {
  const remove = (who: TestClient, userId: string) => who.request('DELETE', `/api/admin/users/${userId}`);
  const memberIds = async () =>
    ((await owner.client.get('/api/admin/users')).json().data as { id: string }[]).map((m) => m.id);

  it('is refused to an admin for another admin, who stays', async () => {
    const staff = await addMember(t.app, owner.client, 'admin', 'Dr Remover');
    const peer = await addMember(t.app, owner.client, 'admin', 'Dr Kept');
    const r = await remove(staff.client, peer.userId);
    expect(r.statusCode, r.body).toBe(403);
    expect(r.json()).toMatchObject({
      success: false,
      error: { code: 'FORBIDDEN', message: 'Only the owner can remove an admin' },
    });
    expect(await memberIds()).toContain(peer.userId);
    expect((await peer.client.get('/api/me')).statusCode).toBe(200);
  });

  it('is done by the owner for an admin, and by an admin for a client', async () => {
    const staff = await addMember(t.app, owner.client, 'admin', 'Dr Leaving');
    const colleague = await addMember(t.app, owner.client, 'admin', 'Dr Staying');
    const patient = await addMember(t.app, owner.client, 'client', 'Jean Leaving');
    expect((await remove(colleague.client, patient.userId)).statusCode).toBe(204);
    expect((await remove(owner.client, staff.userId)).statusCode).toBe(204);
    const left = await memberIds();
    expect(left).not.toContain(patient.userId);
    expect(left).not.toContain(staff.userId);
    expect(left).toContain(colleague.userId);
  });
});
