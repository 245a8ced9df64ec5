import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { expectNoSecretOf, giveMemberSecrets } from '../support/member-secrets.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * GET /api/admin/users/:id/export: a client asks the practice by e-mail or phone for their data
 * (GDPR art. 15), and the owner or an admin downloads it for them: the very file the client
 * would download from their Profile, for members of the caller's practice only.
 */
let t: TestApp;
let owner: SignedUpOwner;
let admin: Awaited<ReturnType<typeof addMember>>;
let ada: Awaited<ReturnType<typeof addMember>>;
let grace: Awaited<ReturnType<typeof addMember>>;
let elsewhere: SignedUpOwner;
let stranger: Awaited<ReturnType<typeof addMember>>;
let adaBookingId: string;
let adaSecrets: string[];

const staffNote = 'Staff only: asked twice about the invoice';

const exportPath = (userId: string) => `/api/admin/users/${encodeURIComponent(userId)}/export`;

/** Today in the practice's zone (Paris), as the file's name writes it. */
function parisDay(iso: string) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(iso));
}

async function staffExportOf(staff: TestClient, userId: string) {
  const response = await staff.get(exportPath(userId));
  expect(response.statusCode, response.body).toBe(200);
  return { response, text: response.body, data: response.json() };
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app, { organizationName: 'Cabinet Étoile' });
  admin = await addMember(t.app, owner.client, 'admin', 'Dr Claire Dubois');
  ada = await addMember(t.app, owner.client, 'client', 'Ada Lovelace');
  grace = await addMember(t.app, owner.client, 'client', 'Grace Hopper');

  const booked = await owner.client.post('/api/appointments', {
    title: 'Ada’s first visit',
    userId: ada.userId,
    notes: staffNote,
    startTime: '2030-03-04T09:00:00.000Z',
    endTime: '2030-03-04T10:00:00.000Z',
  });
  expect(booked.statusCode, booked.body).toBe(201);
  adaBookingId = booked.json().data.id;
  const graceBooking = await owner.client.post('/api/appointments', {
    title: 'Grace’s private consultation',
    userId: grace.userId,
    startTime: '2030-03-05T09:00:00.000Z',
    endTime: '2030-03-05T10:00:00.000Z',
  });
  expect(graceBooking.statusCode, graceBooking.body).toBe(201);

  adaSecrets = await giveMemberSecrets(t, ada, owner.tenantId, 'ada.lovelace@gmail.example');

  elsewhere = await signUpOwner(t.app, { organizationName: 'Clinique Ailleurs' });
  stranger = await addMember(t.app, elsewhere.client, 'client', 'Sam Stranger');
});
afterAll(() => t.close());

describe('staff answering a request for personal data', () => {
  it('gives the owner the client’s own file, named for them and today, never cached', async () => {
    const { response, data } = await staffExportOf(owner.client, ada.userId);

    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="rendezvous-data-ada-lovelace-${parisDay(data.exportedAt)}.json"`,
    );
    expect(response.headers['cache-control']).toBe('no-store');
    // The very document she downloads herself, but for the moment it was made.
    const hers = (await ada.client.get('/api/me/export')).json();
    expect({ ...data, exportedAt: hers.exportedAt }).toEqual(hers);
  });

  it('holds the client’s account and appointment with its history, and nobody else’s', async () => {
    const { text, data } = await staffExportOf(owner.client, ada.userId);

    expect(data.practice).toEqual({ name: 'Cabinet Étoile', timezone: 'Europe/Paris' });
    expect(data.account).toMatchObject({
      id: ada.userId,
      name: 'Ada Lovelace',
      email: ada.email,
      role: 'client',
    });
    expect(data.appointments).toEqual([
      expect.objectContaining({
        id: adaBookingId,
        title: 'Ada’s first visit',
        history: [expect.objectContaining({ action: 'created', actorId: owner.userId })],
      }),
    ]);
    expect(data.calendarFeed).toEqual({ active: true, createdAt: expect.any(String) });
    expect(data.calendarConnections).toEqual([
      expect.objectContaining({ provider: 'google', email: 'ada.lovelace@gmail.example' }),
    ]);
    for (const theirs of ['Grace’s private consultation', grace.email, 'Clinique Ailleurs']) {
      expect(text).not.toContain(theirs);
    }
  });

  it('holds no staff note, though staff download it', async () => {
    const { text, data } = await staffExportOf(owner.client, ada.userId);
    // The practice does keep one, shown to staff.
    const forStaff = (await owner.client.get(`/api/appointments/${adaBookingId}`)).json().data;
    expect(forStaff.notes).toBe(staffNote);

    expect(data.appointments[0]).not.toHaveProperty('notes');
    expect(text).not.toContain(staffNote);
    expect(text).not.toMatch(/"notes"/);
  });

  it('holds no secret: password hash, session, calendar tokens, feed address', async () => {
    const { text } = await staffExportOf(owner.client, ada.userId);

    await expectNoSecretOf(t, ada.userId, text, adaSecrets);
  });

  it('is open to an admin of the practice too', async () => {
    const { response, data } = await staffExportOf(admin.client, ada.userId);

    expect(data.account.id).toBe(ada.userId);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="rendezvous-data-ada-lovelace-/,
    );
  });

  it('gives an admin a client’s file or their own, not a colleague’s or the owner’s, which the owner may', async () => {
    const colleague = await addMember(t.app, owner.client, 'admin', 'Dr Paul Martin');
    expect((await staffExportOf(admin.client, admin.userId)).data.account.role).toBe('admin');

    for (const other of [colleague.userId, owner.userId]) {
      const refused = await admin.client.get(exportPath(other));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toBe(
        'Only the owner can download the data of an admin or of the owner',
      );
    }
    expect((await staffExportOf(owner.client, colleague.userId)).data.account.name).toBe('Dr Paul Martin');
  });

  it('names the file by the member’s id when their name has no Latin letter', async () => {
    const li = await addMember(t.app, owner.client, 'client', '李雷');
    const { response, data } = await staffExportOf(owner.client, li.userId);

    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="rendezvous-data-${li.userId.toLowerCase()}-${parisDay(data.exportedAt)}.json"`,
    );
    expect(data.account.name).toBe('李雷');
  });

  it('refuses a client with 403, even for their own id', async () => {
    for (const userId of [grace.userId, ada.userId]) {
      const response = await ada.client.get(exportPath(userId));

      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
      expect(response.headers['content-disposition']).toBeUndefined();
    }
  });

  it('answers 404 for another practice’s member, an unknown id and a malformed one', async () => {
    for (const userId of [stranger.userId, elsewhere.userId, randomUUID(), 'not a user id', "x'--"]) {
      const response = await owner.client.get(exportPath(userId));

      expect(response.statusCode, userId).toBe(404);
      expect(response.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
      expect(response.headers['content-disposition']).toBeUndefined();
      expect(response.body).not.toContain('Sam Stranger');
    }
  });

  it('answers 401 without a session', async () => {
    const response = await new TestClient(t.app).get(exportPath(ada.userId));

    expect(response.statusCode).toBe(401);
    expect(response.headers['content-disposition']).toBeUndefined();
  });

  it('is described in the API documentation with the other member routes', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    const operation = doc.paths['/api/admin/users/{id}/export'].get;

    expect(operation.tags).toEqual(['admin: users']);
    expect(operation.description).toContain('rendezvous-data-<name>-YYYY-MM-DD.json');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '403', '404']));
    expect(Object.keys(operation.responses['200'].content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['exportedAt', 'practice', 'account', 'appointments', 'calendarFeed']),
    );
  });
});
