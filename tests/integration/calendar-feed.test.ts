import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/server/app.ts';
import { createAssistant, openWeekdays } from '../support/assistants.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp, testPublicUrl } from '../support/test-app.ts';

let t: TestApp;
let owner: SignedUpOwner;
let admin: { client: TestClient; userId: string };
let client: { client: TestClient; userId: string };
let otherClient: { client: TestClient; userId: string };
let day = 0;

/** A fresh hour on a weekday of 2030 for each booking (never overlapping). */
function nextSlot() {
  const start = new Date(Date.UTC(2030, 2, 4, 9) + day * 86_400_000);
  day += 1;
  return { startTime: start.toISOString(), endTime: new Date(start.getTime() + 3_600_000).toISOString() };
}

async function book(staff: TestClient, body: Record<string, unknown>) {
  const r = await staff.post('/api/appointments', { title: 'Consultation', ...nextSlot(), ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().data as { id: string; startTime: string; endTime: string };
}

async function subscribe(who: TestClient) {
  const r = await who.post('/api/me/calendar-feed');
  expect(r.statusCode, r.body).toBe(201);
  return r.json().data as { url: string; webcalUrl: string; createdAt: string; active: boolean };
}

/** Fetches a feed as a calendar app does: no cookie, no Origin, just the address. */
function fetchFeed(url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: url.replace(testPublicUrl, ''), headers });
}

/** The feed's events as ical.js reads them, by UID. */
function eventsOf(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return new Map(
    calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return [event.uid, { event, vevent }] as const;
    }),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app, { organizationName: 'Cabinet Étoile' });
  admin = await addMember(t.app, owner.client, 'admin', 'Dr Admin');
  client = await addMember(t.app, owner.client, 'client', 'Jean Dupont');
  otherClient = await addMember(t.app, owner.client, 'client', 'Marie Curie');
});
afterAll(() => t.close());

describe('managing your feed address', () => {
  it('shows the address once, reports whether it is live, and revokes it (then 404)', async () => {
    expect((await client.client.get('/api/me/calendar-feed')).json().data).toEqual({
      active: false,
      createdAt: null,
    });
    const feed = await subscribe(client.client);
    expect(feed.url).toMatch(new RegExp(`^${testPublicUrl}/api/calendar-feed/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(feed.webcalUrl).toBe(feed.url.replace(/^http:/, 'webcal:'));
    const status = await client.client.get('/api/me/calendar-feed');
    expect(status.json().data).toEqual({ active: true, createdAt: feed.createdAt });
    expect(status.body).not.toContain(feed.url.split('/').pop());
    expect((await fetchFeed(feed.url)).statusCode).toBe(200);

    const revoked = await client.client.delete('/api/me/calendar-feed');
    expect(revoked.json().data).toEqual({ active: false, createdAt: null });
    const gone = await fetchFeed(feed.url);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  });

  it('rotates: a new address turns the previous one off', async () => {
    const first = await subscribe(otherClient.client);
    const second = await subscribe(otherClient.client);
    expect(second.url).not.toBe(first.url);
    expect((await fetchFeed(first.url)).statusCode).toBe(404);
    expect((await fetchFeed(second.url)).statusCode).toBe(200);
  });

  it('is for signed-in people only (401), and unknown or malformed addresses are 404', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/me/calendar-feed' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/calendar-feed' })).statusCode).toBe(401);
    for (const token of ['A'.repeat(43), 'short', '..%2F..%2Fetc', 'x'.repeat(99)]) {
      const r = await t.app.inject({ method: 'GET', url: `/api/calendar-feed/${token}.ics` });
      expect(r.statusCode, token).toBe(404);
    }
  });

  it('stops working when its owner leaves the practice', async () => {
    const leaving = await addMember(t.app, owner.client, 'client', 'Leaving');
    const feed = await subscribe(leaving.client);
    expect((await owner.client.delete(`/api/admin/users/${leaving.userId}`)).statusCode).toBeLessThan(300);
    expect((await fetchFeed(feed.url)).statusCode).toBe(404);
  });
});

describe('what a feed holds', () => {
  it('gives a client their own appointments as valid iCalendar, pending ones tentative, cancelled ones left out', async () => {
    const mine = await book(owner.client, {
      userId: client.userId,
      title: 'Suivi',
      location: '12 rue de la Paix',
    });
    const pending = await client.client.post('/api/appointments', { title: 'Demande', ...nextSlot() });
    const cancelled = await book(owner.client, { userId: client.userId, title: 'Annulé' });
    expect(
      (await owner.client.put(`/api/appointments/${cancelled.id}`, { status: 'cancelled' })).statusCode,
    ).toBe(200);
    const someoneElses = await book(owner.client, { userId: otherClient.userId });
    const old = await owner.client.post('/api/appointments', {
      title: 'Long ago',
      userId: client.userId,
      startTime: '2020-01-07T09:00:00.000Z',
      endTime: '2020-01-07T10:00:00.000Z',
    });

    const feed = await subscribe(client.client);
    const r = await fetchFeed(feed.url);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = eventsOf(r.body);
    expect([...events.keys()].sort()).toEqual(
      [`${mine.id}@rendezvous`, `${pending.json().data.id}@rendezvous`].sort(),
    );
    expect(events.has(`${someoneElses.id}@rendezvous`)).toBe(false);
    expect(events.has(`${old.json().data.id}@rendezvous`)).toBe(false);

    const suivi = events.get(`${mine.id}@rendezvous`)!;
    expect(suivi.event.summary).toBe('Suivi');
    expect(suivi.event.location).toBe('12 rue de la Paix');
    expect(suivi.event.startDate.toJSDate().toISOString()).toBe(mine.startTime);
    expect(suivi.event.endDate.toJSDate().toISOString()).toBe(mine.endTime);
    expect(suivi.event.startDate.zone.tzid).toBe('UTC');
    const ownerName = (await owner.client.get('/api/me')).json().data.user.name;
    expect(suivi.event.description).toBe(`With: ${ownerName}`);
    expect(suivi.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(suivi.vevent.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(events.get(`${pending.json().data.id}@rendezvous`)!.vevent.getFirstPropertyValue('status')).toBe(
      'TENTATIVE',
    );
  });

  it('gives a practitioner the appointments they are booked for, with the caller’s contact details', async () => {
    await openWeekdays(owner.client);
    const desk = await createAssistant(t.app, owner.client);
    const byPhone = await desk.client.book({
      startTime: '2030-04-02T07:00:00.000Z',
      attendeeName: 'Paul Appelant',
      phone: '+33611223344',
      email: 'paul@example.com',
      service: 'Bilan',
      patientType: 'new',
    });
    expect(byPhone.statusCode, byPhone.body).toBe(201);
    const forAdmin = await book(owner.client, { assignedAdminId: admin.userId, userId: client.userId });

    const ownerFeed = eventsOf((await fetchFeed((await subscribe(owner.client)).url)).body);
    const booked = ownerFeed.get(`${byPhone.json().data.id}@rendezvous`)!;
    expect(booked.event.summary).toBe('Bilan – Paul Appelant');
    expect(booked.event.description).toBe(
      'Client: Paul Appelant\nPhone: +33611223344\nEmail: paul@example.com\nService: Bilan\nPatient type: new\nBooked by the voice assistant',
    );
    expect(ownerFeed.has(`${forAdmin.id}@rendezvous`)).toBe(false);

    const adminFeed = eventsOf((await fetchFeed((await subscribe(admin.client)).url)).body);
    expect(adminFeed.has(`${forAdmin.id}@rendezvous`)).toBe(true);
    expect(adminFeed.has(`${byPhone.json().data.id}@rendezvous`)).toBe(false);
  });

  it('round-trips commas, semicolons, backslashes, line breaks and non-ASCII text, folded at 75 octets', async () => {
    const title = 'Bilan, suivi; contrôle\\annuel — 歯科 🦷';
    const description = `Première visite.\nApportez: radios, ordonnance; carte Vitale.\n${'Très long texte accentué éèà 日本語 🦷 '.repeat(12)}`;
    const appointment = await book(owner.client, { userId: client.userId, title, description });
    const r = await fetchFeed((await subscribe(client.client)).url);
    const event = eventsOf(r.body).get(`${appointment.id}@rendezvous`)!.event;
    expect(event.summary).toBe(title);
    expect(event.description.startsWith(description.trim())).toBe(true);

    expect(r.body.endsWith('\r\n')).toBe(true);
    const lines = r.body.slice(0, -2).split('\r\n');
    expect(lines.every((line) => !line.includes('\n') && !line.includes('\r'))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
  });

  it('keeps UIDs and the body stable between fetches, and answers 304 to a matching ETag', async () => {
    const feed = await subscribe(client.client);
    const first = await fetchFeed(feed.url);
    const second = await fetchFeed(feed.url);
    expect(second.body).toBe(first.body);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const unchanged = await fetchFeed(feed.url, { 'if-none-match': String(first.headers.etag) });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
  });

  it('shows nothing of another practice', async () => {
    const other = await signUpOwner(t.app);
    const theirs = await book(other.client, { title: 'Other practice' });
    const mine = eventsOf((await fetchFeed((await subscribe(owner.client)).url)).body);
    expect(mine.has(`${theirs.id}@rendezvous`)).toBe(false);
    const own = eventsOf((await fetchFeed((await subscribe(other.client)).url)).body);
    expect([...own.keys()]).toEqual([`${theirs.id}@rendezvous`]);
  });
});

describe('logs', () => {
  it('never print the secret of a feed address', async () => {
    const lines: string[] = [];
    const logged = await createTestApp({
      logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => lines.push(line) } },
    });
    try {
      const someone = await signUpOwner(logged.app);
      const feed = await someone.client.post('/api/me/calendar-feed');
      const url = feed.json().data.url as string;
      const token = url.split('/').pop()!.replace('.ics', '');
      expect(
        (await logged.app.inject({ method: 'GET', url: url.replace(testPublicUrl, '') })).statusCode,
      ).toBe(200);
      expect(lines.join('\n')).toContain('/api/calendar-feed/[redacted]');
      expect(lines.join('\n')).not.toContain(token);
    } finally {
      await logged.close();
    }
  });
});
