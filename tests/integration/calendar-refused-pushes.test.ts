import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CalendarContext, createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { drainOutbox } from '../../src/calendar/outbox/drain-outbox.ts';
import { type CalendarHarness, calendarProviders, utcAt } from '../support/calendar-harness.ts';
import { addMember, type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * A push the calendar refuses for good (403: the calendar is shared read-only, say) is not
 * retried on its own. It must not vanish either: the connection shows it, with the provider's
 * reason, until a later change or a "try again" puts the appointment in the calendar.
 */
describe.each(calendarProviders)('pushes refused by $name', ({ start }) => {
  let calendar: CalendarHarness;
  let t: TestApp;
  let ctx: CalendarContext;

  beforeAll(async () => {
    calendar = await start();
    t = await createTestApp({ env: calendar.env });
    ctx = createCalendarContext(t.database.db, t.config, { sleep: async () => {} });
  });
  afterAll(async () => {
    await t?.close();
    await calendar?.close();
  });

  let practices = 0;
  /** A practice whose calendar refuses the first event it is sent. */
  async function refusedBooking(title = 'Initial consultation') {
    practices += 1;
    const email = `refused${practices}@clinic.example`;
    const owner = await signUpOwner(t.app);
    expect(await calendar.connect(owner.client, email)).toContain(`connected=${calendar.provider}`);
    await calendar.refuse('create');
    const response = await owner.client.post('/api/appointments', {
      title,
      startTime: utcAt(12, '09:00'),
      endTime: utcAt(12, '10:00'),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(await drainOutbox(ctx, { tenantId: owner.tenantId })).toMatchObject({ failed: 1, done: 0 });
    return { owner, email, appointment: response.json().data as { id: string } };
  }

  const connectionOf = async (owner: SignedUpOwner) =>
    (await owner.client.get('/api/calendar')).json().data[0] as {
      id: string;
      failedPushes: number;
      lastPushError: string | null;
    };

  it('shows what the calendar refused, with its reason, and pushes it once asked to try again', async () => {
    const { owner, email } = await refusedBooking();
    const refused = await connectionOf(owner);
    expect(refused.failedPushes).toBe(1);
    expect(refused.lastPushError).toMatch(/^(Google|Microsoft Graph|Microsoft):/);
    const status = (await owner.client.get('/api/calendar/status')).json().data;
    expect(status.connections[0]).toMatchObject({ failedPushes: 1 });
    // Not retried on its own: the drain leaves it.
    expect(await drainOutbox(ctx, { tenantId: owner.tenantId })).toMatchObject({ claimed: 0 });

    const retry = await owner.client.post(`/api/calendar/retry-pushes?id=${refused.id}`);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json().data).toEqual({ retried: 1 });
    expect(await drainOutbox(ctx, { tenantId: owner.tenantId })).toMatchObject({ done: 1, failed: 0 });
    expect((await calendar.events(email)).map((e) => e.summary)).toEqual(['Initial consultation']);
    expect(await connectionOf(owner)).toMatchObject({ failedPushes: 0, lastPushError: null });
    // Nothing left to try again.
    expect((await owner.client.post(`/api/calendar/retry-pushes?id=${refused.id}`)).json().data).toEqual({
      retried: 0,
    });
  });

  it('counts a refusal no longer once a later change of the appointment is pushed instead', async () => {
    const { owner, email, appointment } = await refusedBooking();
    const moved = await owner.client.put(`/api/appointments/${appointment.id}`, {
      title: 'Longer consultation',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await connectionOf(owner)).failedPushes).toBe(0);
    expect(await drainOutbox(ctx, { tenantId: owner.tenantId })).toMatchObject({ done: 1, failed: 0 });
    expect((await calendar.events(email)).map((e) => e.summary)).toEqual(['Longer consultation']);
  });

  it('tries a refused push again with spec 002’s sync-to-calendar', async () => {
    const { owner, email } = await refusedBooking();
    const queued = await owner.client.post('/api/calendar/sync-to-calendar');
    expect(queued.statusCode, queued.body).toBe(200);
    expect(queued.json().data).toMatchObject({ queued: 1, pushed: 1, failed: 0 });
    expect((await connectionOf(owner)).failedPushes).toBe(0);
    expect(await calendar.events(email)).toHaveLength(1);
  });

  it('lets only those who see the connection try again, and names a bad id', async () => {
    const { owner } = await refusedBooking();
    const { id } = await connectionOf(owner);
    const client = await addMember(t.app, owner.client, 'client');
    expect((await client.client.post(`/api/calendar/retry-pushes?id=${id}`)).statusCode).toBe(404);
    const stranger = await signUpOwner(t.app);
    expect((await stranger.client.post(`/api/calendar/retry-pushes?id=${id}`)).statusCode).toBe(404);
    expect((await new TestClient(t.app).post(`/api/calendar/retry-pushes?id=${id}`)).statusCode).toBe(401);
    const bad = await owner.client.post('/api/calendar/retry-pushes?id=nope');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error)).toContain('id must be a connection id');
    // None of them changed anything.
    expect((await connectionOf(owner)).failedPushes).toBe(1);
  });
});
