import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { drainOutbox } from '../../src/calendar/outbox/drain-outbox.ts';
import { control, startGoogleWithServiceAccount } from '../support/google.ts';
import { addMember, type SignedUpOwner, signUpOwner, type TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Spec 002: the clinic's Google calendar, read and written by a service account, gets an event
 * for every appointment — made in the app or by the voice assistant, whoever it is for — not
 * only for those of the admin who happened to connect it (src/calendar/outbox/calendar-carries.ts).
 */
let google: RunningEmulator;
let t: TestApp;
let clinic: SignedUpOwner;
let colleague: Awaited<ReturnType<typeof addMember>>;
const clinicCalendar = 'reception@clinic.example';

beforeAll(async () => {
  const started = await startGoogleWithServiceAccount(clinicCalendar);
  google = started.emulator;
  t = await createTestApp({ env: started.env });
  clinic = await signUpOwner(t.app, { organizationName: 'Reception Clinic' });
  colleague = await addMember(t.app, clinic.client, 'admin', 'Dr Colleague');
});
afterAll(async () => {
  await t.close();
  await google.close();
});

/** The live events of the clinic's calendar, by summary. */
async function sharedCalendarSummaries(): Promise<string[]> {
  const { items } = (await control(
    google,
    'GET',
    `calendars/${encodeURIComponent(clinicCalendar)}/events`,
  )) as { items: { status: string; summary: string }[] };
  return items
    .filter((event) => event.status !== 'cancelled')
    .map((event) => event.summary)
    .sort();
}

async function book(who: TestClient, title: string, day: number, extra: Record<string, unknown> = {}) {
  const start = new Date(Date.UTC(2031, 2, day, 9));
  const response = await who.post('/api/appointments', {
    title,
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 30 * 60_000).toISOString(),
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().data as { id: string };
}

async function pushed() {
  const drained = await drainOutbox(t.calendar, { tenantId: clinic.tenantId });
  expect(drained.failed).toBe(0);
}

describe("the service account's shared calendar", () => {
  it('receives, once connected, the upcoming appointments every practitioner had booked before', async () => {
    await book(colleague.client, 'Booked by the colleague before', 3);
    await book(clinic.client, 'Booked by the owner before', 4);

    const connect = await colleague.client.post('/api/calendar/service-account');
    expect(connect.statusCode, connect.body).toBe(201);
    // The first pull (a full read) queues what the calendar lacks.
    expect((await clinic.client.post('/api/appointments/sync')).statusCode).toBe(200);
    await pushed();

    expect(await sharedCalendarSummaries()).toEqual([
      'Booked by the colleague before',
      'Booked by the owner before',
    ]);
  });

  it("gets each new appointment, whoever's it is, and follows its changes without copying it twice", async () => {
    const owners = await book(clinic.client, "The owner's own patient", 10);
    const client = await addMember(t.app, clinic.client, 'client', 'Cleo Client');
    await book(client.client, "A client's request", 11);
    await pushed();
    expect(await sharedCalendarSummaries()).toEqual([
      "A client's request",
      'Booked by the colleague before',
      'Booked by the owner before',
      "The owner's own patient",
    ]);

    // Handed to the colleague, then renamed: still one event, which follows.
    const moved = await clinic.client.put(`/api/appointments/${owners.id}`, {
      assignedAdminId: colleague.userId,
      title: 'Handed to the colleague',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await pushed();
    const summaries = await sharedCalendarSummaries();
    expect(summaries).toContain('Handed to the colleague');
    expect(summaries).not.toContain("The owner's own patient");
    expect(summaries).toHaveLength(4);
  });

  it('loses the event of an appointment cancelled, and never carries another practice’s', async () => {
    const cancelled = await book(colleague.client, 'Cancelled later', 12);
    await pushed();
    expect(await sharedCalendarSummaries()).toContain('Cancelled later');
    const cancel = await colleague.client.put(`/api/appointments/${cancelled.id}`, { status: 'cancelled' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    await pushed();
    expect(await sharedCalendarSummaries()).not.toContain('Cancelled later');

    const stranger = await signUpOwner(t.app, { organizationName: 'Another Practice' });
    await book(stranger.client, 'Another practice’s patient', 13);
    await drainOutbox(t.calendar, { tenantId: stranger.tenantId });
    expect(await sharedCalendarSummaries()).not.toContain('Another practice’s patient');
  });
});
