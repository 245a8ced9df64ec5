import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;
let admin: { client: TestClient; userId: string };
let alice: { client: TestClient; userId: string; email: string };
let bob: { client: TestClient; userId: string };

const question = {
  category: 'appointments',
  subject: 'Moving my Tuesday session',
  message: 'Could we move Tuesday’s session to the afternoon?',
};

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
  admin = await addMember(t.app, owner.client, 'admin', 'Ada Admin');
  alice = await addMember(t.app, owner.client, 'client', 'Alice Client');
  bob = await addMember(t.app, owner.client, 'client', 'Bob Client');
});
afterAll(() => t.close());

describe('support tickets', () => {
  it('are sent by a client, open, with the client named as author', async () => {
    const created = await alice.client.post('/api/support/tickets', question);
    expect(created.statusCode).toBe(201);
    expect(created.json().data).toMatchObject({
      ...question,
      status: 'open',
      author: { id: alice.userId, name: 'Alice Client', email: alice.email },
    });
  });

  it('are listed to a client only when they wrote them', async () => {
    await bob.client.post('/api/support/tickets', {
      ...question,
      subject: 'Bob’s invoice',
      category: 'billing',
    });
    const forAlice = (await alice.client.get('/api/support/tickets')).json().data;
    expect(forAlice.map((ticket: { subject: string }) => ticket.subject)).toEqual([question.subject]);
    const forBob = (await bob.client.get('/api/support/tickets')).json().data;
    expect(forBob.map((ticket: { subject: string }) => ticket.subject)).toEqual(['Bob’s invoice']);
  });

  it('are listed to the owner and admins, newest first, every one of the practice', async () => {
    for (const staff of [owner.client, admin.client]) {
      const tickets = (await staff.get('/api/support/tickets')).json().data;
      expect(tickets.map((ticket: { subject: string }) => ticket.subject)).toEqual([
        'Bob’s invoice',
        question.subject,
      ]);
    }
  });

  it('are closed by staff, then filtered by status, and a client may not close them', async () => {
    const [ticket] = (await alice.client.get('/api/support/tickets')).json().data;
    expect(
      (await alice.client.patch(`/api/support/tickets/${ticket.id}`, { status: 'closed' })).statusCode,
    ).toBe(403);
    const closed = await admin.client.patch(`/api/support/tickets/${ticket.id}`, { status: 'closed' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().data.status).toBe('closed');
    const open = (await owner.client.get('/api/support/tickets?status=open')).json().data;
    expect(open.map((t: { subject: string }) => t.subject)).toEqual(['Bob’s invoice']);
  });

  it.each([
    ['an unknown category', { category: 'complaints' }, 'body.category'],
    ['an empty subject', { subject: '   ' }, 'body.subject'],
    ['a message too short to act on', { message: 'help' }, 'body.message'],
    ['a missing message', { message: undefined }, 'body.message'],
    ['an unknown field', { priority: 'urgent' }, 'body.priority'],
  ])('answer 400 naming the field for %s, and store nothing', async (_name, patch, field) => {
    const before = (await alice.client.get('/api/support/tickets')).json().data.length;
    const response = await alice.client.post('/api/support/tickets', { ...question, ...patch });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect((await alice.client.get('/api/support/tickets')).json().data).toHaveLength(before);
  });

  it('need a signed-in caller', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/support/tickets' });
    expect(anonymous.statusCode).toBe(401);
    const posted = await t.app.inject({ method: 'POST', url: '/api/support/tickets', payload: question });
    expect(posted.statusCode).toBe(401);
  });

  it('stay inside their practice: another practice neither lists nor closes them', async () => {
    const stranger = await signUpOwner(t.app);
    await stranger.client.post('/api/support/tickets', { ...question, subject: 'Elsewhere' });
    const theirs = (await stranger.client.get('/api/support/tickets')).json().data;
    expect(theirs.map((ticket: { subject: string }) => ticket.subject)).toEqual(['Elsewhere']);
    const ours = (await owner.client.get('/api/support/tickets')).json().data;
    expect(ours.map((ticket: { subject: string }) => ticket.subject)).not.toContain('Elsewhere');
    const closing = await owner.client.patch(`/api/support/tickets/${theirs[0].id}`, { status: 'closed' });
    expect(closing.statusCode).toBe(404);
    expect((await stranger.client.get('/api/support/tickets')).json().data[0].status).toBe('open');
    expect(
      (await owner.client.patch('/api/support/tickets/not-an-id', { status: 'closed' })).statusCode,
    ).toBe(404);
  });
});
