import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { drainOutbox } from '../../src/calendar/outbox/drain-outbox.ts';
import { appointments, calendarBusyBlocks } from '../../src/db/schema/index.ts';
import { createAssistant } from '../support/assistants.ts';
import {
  type CalendarHarness,
  startGoogleHarness,
  startMicrosoftHarness,
  utcAt,
} from '../support/calendar-harness.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A practitioner who keeps a Google calendar and an Outlook calendar, both connected to one
 * practice: bookings reach each calendar exactly once, and busy time in either one blocks
 * availability.
 */
let google: CalendarHarness;
let microsoft: CalendarHarness;
let t: TestApp;
let owner: SignedUpOwner;

const googleEmail = 'dr.martin@gmail.example';
const outlookEmail = 'dr.martin@outlook.example';
const dayOffset = 12;
const day = utcAt(dayOffset, '00:00').slice(0, 10);

beforeAll(async () => {
  [google, microsoft] = await Promise.all([startGoogleHarness(), startMicrosoftHarness()]);
  t = await createTestApp({ env: { ...google.env, ...microsoft.env } });
  owner = await signUpOwner(t.app);
  expect(await google.connect(owner.client, googleEmail)).toContain('connected=google');
  expect(await microsoft.connect(owner.client, outlookEmail)).toContain('connected=microsoft');
  // Open 09:00–15:00 UTC on that weekday, in one-hour slots.
  const opening = await owner.client.post('/api/admin/availability/slots', {
    dayOfWeek: new Date(`${day}T12:00:00Z`).getUTCDay(),
    startTime: '09:00',
    endTime: '15:00',
    duration: 60,
    timezone: 'UTC',
  });
  expect(opening.statusCode, opening.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
  await Promise.all([google?.close(), microsoft?.close()]);
});

const ctx = () => createCalendarContext(t.database.db, t.config, { sleep: async () => {} });

const availableStarts = async () => {
  const response = await owner.client.get(`/api/availability?startDate=${day}&endDate=${day}&timezone=UTC`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().data.slots as { startTime: string }[]).map((s) => s.startTime);
};

/** The events of each calendar that carry this appointment. */
async function copiesOf(appointmentId: string) {
  const [inGoogle, inOutlook] = await Promise.all([
    google.events(googleEmail),
    microsoft.events(outlookEmail),
  ]);
  const ours = (events: typeof inGoogle) =>
    events.filter((e) => e.metadata.rendezvous_appointment_id === appointmentId);
  return { google: ours(inGoogle), microsoft: ours(inOutlook) };
}

describe('a practice with a Google and an Outlook calendar', () => {
  it('takes busy time from both calendars out of availability and refuses bookings into it', async () => {
    await google.seed(googleEmail, [
      { summary: 'Dentist', start: utcAt(dayOffset, '10:00'), end: utcAt(dayOffset, '11:00') },
    ]);
    await microsoft.seed(outlookEmail, [
      { summary: 'Board meeting', start: utcAt(dayOffset, '13:00'), end: utcAt(dayOffset, '14:00') },
    ]);
    const sync = await owner.client.post('/api/appointments/sync');
    expect(sync.json().data.connections).toMatchObject([{ status: 'active' }, { status: 'active' }]);

    expect(await availableStarts()).toEqual([
      utcAt(dayOffset, '09:00'),
      utcAt(dayOffset, '11:00'),
      utcAt(dayOffset, '12:00'),
      utcAt(dayOffset, '14:00'),
    ]);

    const frontDesk = await createAssistant(t.app, owner.client);
    for (const busy of ['10:00', '13:00']) {
      const refused = await frontDesk.client.book({
        startTime: utcAt(dayOffset, busy),
        attendeeName: 'Jean Dupont',
        phone: '+33 6 11 22 33 44',
      });
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error.code).toBe('SLOT_UNAVAILABLE');
    }
    expect(
      await t.database.db.select().from(appointments).where(eq(appointments.tenantId, owner.tenantId)),
    ).toEqual([]);
  });

  it('puts a booking in both calendars exactly once, and moves both copies together', async () => {
    const frontDesk = await createAssistant(t.app, owner.client, { name: 'Night line' });
    const booked = await frontDesk.client.book({
      startTime: utcAt(dayOffset, '11:00'),
      attendeeName: 'Amina Haddad',
      email: 'amina@example.com',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const appointmentId = booked.json().data.id as string;

    expect(await drainOutbox(ctx())).toMatchObject({ done: 2, failed: 0 });
    let copies = await copiesOf(appointmentId);
    expect(copies.google).toHaveLength(1);
    expect(copies.microsoft).toHaveLength(1);
    for (const copy of [copies.google[0]!, copies.microsoft[0]!]) {
      expect(copy.start.toISOString()).toBe(utcAt(dayOffset, '11:00'));
      expect(copy.metadata).toMatchObject({ booked_by: 'assistant', email: 'amina@example.com' });
    }
    expect(await drainOutbox(ctx())).toMatchObject({ claimed: 0 });

    // Each copy comes back on the next pull: neither becomes a second booking nor busy time.
    const pull = await owner.client.post('/api/appointments/sync');
    expect(pull.json().data).toMatchObject({ synced: 0 });
    const rows = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.tenantId, owner.tenantId));
    expect(rows.map((r) => r.id)).toEqual([appointmentId]);
    const busy = await t.database.db
      .select()
      .from(calendarBusyBlocks)
      .where(eq(calendarBusyBlocks.tenantId, owner.tenantId));
    expect(busy).toHaveLength(2);
    expect(await availableStarts()).not.toContain(utcAt(dayOffset, '11:00'));

    const moved = await owner.client.put(`/api/appointments/${appointmentId}`, {
      startTime: utcAt(dayOffset, '12:00'),
      endTime: utcAt(dayOffset, '13:00'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await drainOutbox(ctx())).toMatchObject({ done: 2 });
    copies = await copiesOf(appointmentId);
    expect(copies.google.map((e) => e.start.toISOString())).toEqual([utcAt(dayOffset, '12:00')]);
    expect(copies.microsoft.map((e) => e.start.toISOString())).toEqual([utcAt(dayOffset, '12:00')]);
  });
});
