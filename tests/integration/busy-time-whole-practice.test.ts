import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { createAssistant } from '../support/assistants.ts';
import { utcAt } from '../support/calendar-harness.ts';
import { consentThroughGoogle, control, startGoogleWithServiceAccount } from '../support/google.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A practice's shared calendar (spec 002's service account: the clinic calendar) holds events for
 * everyone — "Clinic closed", "Team meeting". By default its events Rendezvous did not book block
 * only the admin who connected it; once an admin says they block the whole practice, every
 * practitioner loses that time, in availability and when booking, until it is turned off again.
 */
let google: RunningEmulator;
let t: TestApp;
let clinic: SignedUpOwner;
let second: Awaited<ReturnType<typeof addMember>>;
let connectionId: string;

const clinicCalendar = 'front-desk@clinic.example';
const dayOffset = 9;
const day = utcAt(dayOffset, '00:00').slice(0, 10);
const at = (time: string) => utcAt(dayOffset, time);

/** Opens 09:00–15:00 UTC on the test's weekday, in one-hour slots, for `userId`. */
async function openTheDay(staff: TestClient, userId: string) {
  const opening = await staff.post('/api/admin/availability/slots', {
    userId,
    dayOfWeek: new Date(`${day}T12:00:00Z`).getUTCDay(),
    startTime: '09:00',
    endTime: '15:00',
    duration: 60,
    timezone: 'UTC',
  });
  expect(opening.statusCode, opening.body).toBe(201);
}

/** An event a person adds to the clinic calendar in Google's own UI. */
async function addToClinicCalendar(summary: string, start: string, end: string) {
  await control(google, 'POST', `calendars/${encodeURIComponent(clinicCalendar)}/events`, {
    summary,
    start: { dateTime: start },
    end: { dateTime: end },
  });
}

async function sync() {
  const response = await clinic.client.post('/api/appointments/sync');
  expect(response.statusCode, response.body).toBe(200);
}

async function bookableStarts(who: TestClient, practitionerId: string) {
  const response = await who.get(
    `/api/availability?startDate=${day}&endDate=${day}&timezone=UTC&practitionerId=${practitionerId}`,
  );
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().data.slots as { startTime: string }[]).map((s) => s.startTime);
}

const setWholePractice = (who: TestClient, body: Record<string, unknown>) =>
  who.put('/api/calendar/busy-time', body);

beforeAll(async () => {
  const started = await startGoogleWithServiceAccount(clinicCalendar);
  google = started.emulator;
  t = await createTestApp({ env: started.env });
  clinic = await signUpOwner(t.app, { organizationName: 'Shared Calendar Clinic' });
  second = await addMember(t.app, clinic.client, 'admin', 'Dr Second');
  await openTheDay(clinic.client, clinic.userId);
  await openTheDay(clinic.client, second.userId);
  await addToClinicCalendar('Clinic closed', at('10:00'), at('11:00'));

  const connect = await clinic.client.post('/api/calendar/service-account');
  expect(connect.statusCode, connect.body).toBe(201);
  connectionId = connect.json().data.id;
  expect(connect.json().data.blocksWholePractice).toBe(false);
  await sync();
});
afterAll(async () => {
  await t?.close();
  await google?.close();
});

describe('the events of a shared clinic calendar', () => {
  it('block only the admin who connected it by default', async () => {
    expect(await bookableStarts(clinic.client, clinic.userId)).not.toContain(at('10:00'));
    expect(await bookableStarts(clinic.client, second.userId)).toContain(at('10:00'));
  });

  it('block every practitioner once an admin says so, in availability and when booking', async () => {
    const turnedOn = await setWholePractice(second.client, { id: connectionId, blocksWholePractice: true });
    expect(turnedOn.statusCode, turnedOn.body).toBe(200);
    expect(turnedOn.json().data).toMatchObject({ id: connectionId, blocksWholePractice: true });
    const listed = await clinic.client.get('/api/calendar');
    expect(listed.json().data).toMatchObject([{ id: connectionId, blocksWholePractice: true }]);

    expect(await bookableStarts(second.client, second.userId)).toEqual([
      at('09:00'),
      at('11:00'),
      at('12:00'),
      at('13:00'),
      at('14:00'),
    ]);
    expect(await bookableStarts(clinic.client, clinic.userId)).not.toContain(at('10:00'));

    const phoneLine = await createAssistant(t.app, clinic.client, { assigneeUserId: second.userId });
    const byPhone = await phoneLine.client.book({
      startTime: at('10:00'),
      attendeeName: 'Jean Dupont',
      phone: '+33 6 11 22 33 44',
    });
    expect(byPhone.statusCode, byPhone.body).toBe(409);
    expect(byPhone.json().error.code).toBe('SLOT_UNAVAILABLE');

    const atTheDesk = await second.client.post('/api/appointments', {
      title: 'Squeezed into the closure',
      startTime: at('10:15'),
      endTime: at('10:45'),
    });
    expect(atTheDesk.statusCode, atTheDesk.body).toBe(409);
    expect(atTheDesk.json().error).toMatchObject({
      code: 'SLOT_UNAVAILABLE',
      details: { busy: [{ start: at('10:00'), end: at('11:00') }] },
    });
  });

  it('stay practice-wide through later syncs, new events included', async () => {
    await addToClinicCalendar('Team meeting', at('13:00'), at('14:00'));
    await sync();
    const starts = await bookableStarts(second.client, second.userId);
    expect(starts).not.toContain(at('10:00'));
    expect(starts).not.toContain(at('13:00'));
  });

  it('block only the connecting admin again once turned off', async () => {
    const turnedOff = await setWholePractice(clinic.client, { id: connectionId, blocksWholePractice: false });
    expect(turnedOff.statusCode, turnedOff.body).toBe(200);
    expect(turnedOff.json().data.blocksWholePractice).toBe(false);

    expect(await bookableStarts(second.client, second.userId)).toContain(at('10:00'));
    expect(await bookableStarts(second.client, second.userId)).toContain(at('13:00'));
    const own = await bookableStarts(clinic.client, clinic.userId);
    expect(own).not.toContain(at('10:00'));
    expect(own).not.toContain(at('13:00'));
  });
});

describe('PUT /api/calendar/busy-time', () => {
  it('is refused to a client (403)', async () => {
    const client = await addMember(t.app, clinic.client, 'client', 'Cleo Client');
    const refused = await setWholePractice(client.client, { id: connectionId, blocksWholePractice: true });
    expect(refused.statusCode, refused.body).toBe(403);
  });

  it("answers 404 for another practice's connection, whose time stays its own", async () => {
    const stranger = await signUpOwner(t.app, { organizationName: 'Across the Street' });
    await openTheDay(stranger.client, stranger.userId);
    const refused = await setWholePractice(stranger.client, { id: connectionId, blocksWholePractice: true });
    expect(refused.statusCode, refused.body).toBe(404);

    const unknown = await setWholePractice(clinic.client, { id: randomUUID(), blocksWholePractice: true });
    expect(unknown.statusCode, unknown.body).toBe(404);

    // Practice-wide busy time stays inside its practice.
    const again = await setWholePractice(clinic.client, { id: connectionId, blocksWholePractice: true });
    expect(again.statusCode, again.body).toBe(200);
    expect(await bookableStarts(stranger.client, stranger.userId)).toContain(at('10:00'));
    await setWholePractice(clinic.client, { id: connectionId, blocksWholePractice: false });
  });

  it.each([
    ['a value that is not a boolean', { id: 'x', blocksWholePractice: 'yes' }, 'body.blocksWholePractice'],
    ['a missing value', { id: randomUUID() }, 'body.blocksWholePractice'],
    ['an id that is not a connection id', { id: 'clinic', blocksWholePractice: true }, 'body.id'],
    ['an unknown field', { id: randomUUID(), blocksWholePractice: true, userId: 'x' }, 'body.userId'],
  ])('answers 400 naming the field for %s', async (_name, body, field) => {
    const refused = await setWholePractice(clinic.client, body);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it("refuses a client's own calendar (422): its events are never busy time", async () => {
    const client = await addMember(t.app, clinic.client, 'client', 'Carla Client');
    await control(google, 'POST', 'accounts', { email: 'carla@gmail.example' });
    const back = await consentThroughGoogle(client.client, google, { email: 'carla@gmail.example' });
    expect(back).toContain('connected=google');
    const [own] = (await client.client.get('/api/calendar')).json().data as { id: string }[];

    const refused = await setWholePractice(clinic.client, { id: own!.id, blocksWholePractice: true });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.code).toBe('NOT_A_STAFF_CALENDAR');
  });
});
