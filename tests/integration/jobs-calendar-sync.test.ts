import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appointments, calendarOutbox, syncRuns } from '../../src/db/schema/index.ts';
import {
  type CalendarHarness,
  calendarProviders,
  type NotificationRelay,
  startNotificationRelay,
  utcAt,
} from '../support/calendar-harness.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp, testPublicUrl } from '../support/test-app.ts';

/**
 * Two-way sync end to end, as it runs in production: the app with its pg-boss workers, the
 * provider's emulator reaching the app over real HTTP for push notifications, auto-sync off so
 * that nothing but the outbox workers and the notifications moves anything. No test drains
 * the outbox or calls a sync by hand.
 */
describe.each(calendarProviders)('two-way sync through the job workers with $name', ({ start }) => {
  let calendar: CalendarHarness;
  let relay: NotificationRelay;
  let t: TestApp;

  beforeAll(async () => {
    relay = await startNotificationRelay();
    calendar = await start();
    t = await createTestApp({
      env: { ...calendar.env, PUBLIC_URL: relay.url, ALLOWED_ORIGINS: testPublicUrl },
      jobs: true,
    });
    relay.attach(t.app);
  });
  afterAll(async () => {
    await t?.close();
    await calendar?.close();
    await relay?.close();
  });

  const until = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 20_000, interval: 50 });

  async function watchedPractice(email: string): Promise<SignedUpOwner> {
    const owner = await signUpOwner(t.app);
    expect(await calendar.connect(owner.client, email)).toContain(`connected=${calendar.provider}`);
    const watch = await owner.client.post('/api/calendar/setup-watch');
    expect(watch.statusCode, watch.body).toBe(200);
    return owner;
  }

  async function book(
    owner: SignedUpOwner,
    startTime: string,
    endTime: string,
    title = 'Initial consultation',
  ) {
    const response = await owner.client.post('/api/appointments', {
      title,
      startTime,
      endTime,
      status: 'confirmed',
      description: 'First visit',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().data as { id: string };
  }

  const appointment = async (id: string) =>
    (await t.database.db.select().from(appointments).where(eq(appointments.id, id)))[0]!;

  it('carries a booking, its move and its cancellation to the calendar', async () => {
    const email = 'workers-push@clinic.example';
    const owner = await watchedPractice(email);
    const booked = await book(owner, utcAt(12, '09:00'), utcAt(12, '10:00'));

    await until(async () => {
      const events = await calendar.events(email);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ summary: 'Initial consultation' });
      expect(events[0]!.metadata.rendezvous_appointment_id).toBe(booked.id);
    });

    const moved = await owner.client.put(`/api/appointments/${booked.id}`, {
      startTime: utcAt(12, '14:00'),
      endTime: utcAt(12, '15:00'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await until(async () => {
      const events = await calendar.events(email);
      expect(events.map((e) => e.start.toISOString())).toEqual([utcAt(12, '14:00')]);
    });

    const cancelled = await owner.client.put(`/api/appointments/${booked.id}`, { status: 'cancelled' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await until(async () => expect(await calendar.events(email)).toEqual([]));
    // Our own pushes came back as notifications: recognised, nothing re-applied to the appointment.
    expect(await appointment(booked.id)).toMatchObject({ status: 'cancelled', version: 3 });
  });

  it('follows a move, an edit and a deletion made in the calendar as soon as it notifies, without the auto-sync', async () => {
    const email = 'workers-pull@clinic.example';
    const owner = await watchedPractice(email);
    const first = await book(owner, utcAt(13, '09:00'), utcAt(13, '10:00'));
    const second = await book(owner, utcAt(13, '11:00'), utcAt(13, '12:00'), 'Follow-up');
    let events: Awaited<ReturnType<CalendarHarness['events']>> = [];
    await until(async () => {
      events = await calendar.events(email);
      expect(events).toHaveLength(2);
    });
    const eventOf = (id: string) => events.find((e) => e.metadata.rendezvous_appointment_id === id)!.id;

    await calendar.edit(email, eventOf(first.id), {
      start: utcAt(13, '15:00'),
      end: utcAt(13, '16:30'),
      summary: 'Initial consultation (bring X-rays)',
    });
    await calendar.remove(email, eventOf(second.id));

    await until(async () => {
      const moved = await appointment(first.id);
      expect(moved.title).toBe('Initial consultation (bring X-rays)');
      expect(moved.startTime.toISOString()).toBe(utcAt(13, '15:00'));
      expect(moved.endTime.toISOString()).toBe(utcAt(13, '16:30'));
      expect((await appointment(second.id)).status).toBe('cancelled');
    });
    // A pull's run is recorded once it is through, a moment after its changes.
    let runs: (typeof syncRuns.$inferSelect)[] = [];
    await until(async () => {
      runs = await t.database.db.select().from(syncRuns).where(eq(syncRuns.tenantId, owner.tenantId));
      expect(runs.length).toBeGreaterThan(0);
    });
    // Pulled on the notifications (which may join the connect's first pull while it is still
    // queued), never by the auto-sync schedule.
    expect(runs.filter((run) => run.trigger === 'cron')).toEqual([]);
  });

  it('waits as long as the calendar asks (429 with Retry-After) before pushing again', async () => {
    const email = 'workers-throttled@clinic.example';
    const owner = await watchedPractice(email);
    await calendar.throttle('create', { retryAfterSeconds: 120, times: 1 });

    const booked = await book(owner, utcAt(15, '09:00'), utcAt(15, '09:45'));
    const outboxRow = async () =>
      (
        await t.database.db.select().from(calendarOutbox).where(eq(calendarOutbox.appointmentId, booked.id))
      )[0]!;
    await until(async () => expect((await outboxRow()).lastError).toMatch(/./));
    const row = await outboxRow();
    expect(row.status).toBe('pending');
    expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(115_000);
    expect(await calendar.events(email)).toEqual([]);

    // Two minutes later (the clock is the database's: the row is made due).
    await t.database.db
      .update(calendarOutbox)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(calendarOutbox.id, row.id));
    await until(async () => {
      const events = await calendar.events(email);
      expect(events.map((e) => e.metadata.rendezvous_appointment_id)).toEqual([booked.id]);
    });
  });

  it('books while the calendar is down, then reaches it once it is back, exactly once', async () => {
    const email = 'workers-down@clinic.example';
    const owner = await watchedPractice(email);
    await calendar.fail('create', { status: 500, times: 2 });

    const booked = await book(owner, utcAt(14, '09:00'), utcAt(14, '09:45'));
    expect((await owner.client.get(`/api/appointments/${booked.id}`)).statusCode).toBe(200);

    await until(async () => {
      const events = await calendar.events(email);
      expect(events.map((e) => e.metadata.rendezvous_appointment_id)).toEqual([booked.id]);
    });
  });
});
