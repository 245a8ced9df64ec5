import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../src/db/schema/index.ts';
import { type CalendarHarness, calendarProviders, utcAt } from '../support/calendar-harness.ts';
import { addMember, type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Busy time in the practitioner's connected calendar (their dentist, a meeting: events
 * Rendezvous did not book) blocks availability, and a booking or a move into it is refused
 * with 409 SLOT_UNAVAILABLE and changes nothing.
 */
describe.each(calendarProviders)('busy time in $name', ({ start }) => {
  let calendar: CalendarHarness;
  let t: TestApp;
  let owner: SignedUpOwner;
  const email = 'busy@clinic.example';
  const day = utcAt(16, '00:00').slice(0, 10);
  let dentistId: string;

  beforeAll(async () => {
    calendar = await start();
    t = await createTestApp({ env: calendar.env });
    owner = await signUpOwner(t.app);
    expect(await calendar.connect(owner.client, email)).toContain(`connected=${calendar.provider}`);
    // Open 09:00–12:00 UTC on that day of the week, in hourly slots.
    const opening = await owner.client.post('/api/admin/availability/slots', {
      dayOfWeek: new Date(`${day}T00:00:00Z`).getUTCDay(),
      startTime: '09:00',
      endTime: '12:00',
      timezone: 'UTC',
      duration: 60,
    });
    expect(opening.statusCode, opening.body).toBe(201);
    [dentistId] = await calendar.seed(email, [
      { summary: 'Dentist', start: utcAt(16, '10:00'), end: utcAt(16, '11:00') },
      {
        summary: 'Out of office (shown as free)',
        start: utcAt(16, '11:00'),
        end: utcAt(16, '12:00'),
        isFree: true,
      },
    ]);
    expect((await owner.client.post('/api/appointments/sync')).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await calendar?.close();
  });

  const slotStarts = async () => {
    const response = await owner.client.get(
      `/api/availability?startDate=${day}&endDate=${day}&timezone=UTC&minNoticeMinutes=0`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data.slots.map((s: { startTime: string }) => s.startTime);
  };

  const book = (client: SignedUpOwner['client'], from: string, to: string) =>
    client.post('/api/appointments', { title: 'Consultation', startTime: from, endTime: to });

  it('leaves the busy hour out of availability, and a free-marked event does not block', async () => {
    expect(await slotStarts()).toEqual([utcAt(16, '09:00'), utcAt(16, '11:00')]);
  });

  it('refuses a booking into the busy time, by staff or by a client, and creates nothing', async () => {
    const client = await addMember(t.app, owner.client, 'client');
    for (const who of [owner.client, client.client]) {
      const refused = await book(who, utcAt(16, '10:30'), utcAt(16, '11:30'));
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error).toMatchObject({
        code: 'SLOT_UNAVAILABLE',
        details: { busy: [{ start: utcAt(16, '10:00'), end: utcAt(16, '11:00') }] },
      });
    }
    const rows = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.tenantId, owner.tenantId));
    expect(rows).toEqual([]);
    // Right after the busy hour is fine, even over the free-marked event.
    expect((await book(owner.client, utcAt(16, '11:00'), utcAt(16, '12:00'))).statusCode).toBe(201);
  });

  it('refuses moving an appointment into the busy time and keeps it where it was', async () => {
    const booked = await book(owner.client, utcAt(16, '09:00'), utcAt(16, '10:00'));
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().data.id;
    const moved = await owner.client.put(`/api/appointments/${id}`, {
      startTime: utcAt(16, '09:30'),
      endTime: utcAt(16, '10:30'),
    });
    expect(moved.statusCode, moved.body).toBe(409);
    expect(moved.json().error.code).toBe('SLOT_UNAVAILABLE');
    const kept = (await owner.client.get(`/api/appointments/${id}`)).json().data;
    expect(kept).toMatchObject({ startTime: utcAt(16, '09:00'), endTime: utcAt(16, '10:00') });
    // Editing something else of an appointment is never blocked by busy time.
    expect((await owner.client.put(`/api/appointments/${id}`, { title: 'Check-up' })).statusCode).toBe(200);
  });

  it('frees the time once the busy event is deleted in the calendar and synced', async () => {
    await calendar.remove(email, dentistId);
    expect((await owner.client.post('/api/appointments/sync')).statusCode).toBe(200);
    const booked = await book(owner.client, utcAt(16, '10:00'), utcAt(16, '11:00'));
    expect(booked.statusCode, booked.body).toBe(201);
  });
});
