import { and, eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CalendarContext, createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { drainOutbox } from '../../src/calendar/outbox/drain-outbox.ts';
import { syncConnection } from '../../src/calendar/sync/sync-connection.ts';
import {
  appointments,
  calendarConnections,
  calendarEventLinks,
  calendarOutbox,
} from '../../src/db/schema/index.ts';
import {
  assistantBooking,
  type CalendarHarness,
  type CalendarOperation,
  calendarProviders,
  utcAt,
} from '../support/calendar-harness.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * The two-way sync converges, whatever happens: random interleavings of edits made in
 * Rendezvous and in the calendar, pushes and pulls in any order, with faults injected on the
 * way — rate limits (429), outages (500), requests that time out after the calendar applied
 * them (Google; Graph's client timeout is fixed at 30 s), access revoked then reconnected, a
 * worker that dies holding claimed pushes. Once the faults stop and the engine settles, the
 * database and the calendar agree: every live appointment has exactly one event with its time
 * and title, no event is left for a cancelled or unknown appointment, none is doubled, and no
 * appointment was lost.
 *
 * One app and one emulator per provider for the whole run; each case gets a fresh calendar
 * account and connection and an empty practice. Each appointment lives on its own day, so moves
 * made in Rendezvous never collide with the no-overlap rule (that rule has its own tests); a
 * move upstream may put a booking onto another appointment's hour (`remoteMoveOnto`), which
 * the sync keeps, without a practitioner, in the calendar it is in. The seed and the
 * shrunk failing steps are printed on failure; FC_SEED=<seed> FC_PATH=<path> replays a failure, CONVERGENCE_RUNS
 * sets the number of cases per provider.
 */
const runs = Number(process.env.CONVERGENCE_RUNS ?? 50);
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const path = process.env.FC_PATH;

type Fault = '429' | '500' | 'timeout';
type Step =
  | { kind: 'localCreate'; hour: number }
  | { kind: 'localMove'; target: number; hour: number }
  | { kind: 'localRename'; target: number; title: string }
  | { kind: 'localCancel'; target: number }
  | { kind: 'remoteMove'; target: number; hour: number }
  | { kind: 'remoteMoveOnto'; target: number; onto: number }
  | { kind: 'remoteRename'; target: number; title: string }
  | { kind: 'remoteDelete'; target: number }
  | { kind: 'remoteBooking'; hour: number }
  | { kind: 'push' }
  | { kind: 'pull' }
  | { kind: 'timePasses' }
  | { kind: 'fault'; operation: CalendarOperation; fault: Fault; times: number }
  | { kind: 'revoke' }
  | { kind: 'reconnect' }
  | { kind: 'workerDies' };

const hour = fc.integer({ min: 8, max: 17 });
const target = fc.nat({ max: 20 });
const title = fc.constantFrom('Check-up', 'Follow-up', 'Consultation', 'Bilan');

function stepArbitrary(faults: Fault[]): fc.Arbitrary<Step> {
  return fc.oneof(
    { arbitrary: hour.map((h) => ({ kind: 'localCreate' as const, hour: h })), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('localMove' as const), target, hour }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('localRename' as const), target, title }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('localCancel' as const), target }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('remoteMove' as const), target, hour }), weight: 2 },
    {
      arbitrary: fc.record({ kind: fc.constant('remoteMoveOnto' as const), target, onto: target }),
      weight: 1,
    },
    { arbitrary: fc.record({ kind: fc.constant('remoteRename' as const), target, title }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('remoteDelete' as const), target }), weight: 1 },
    { arbitrary: hour.map((h) => ({ kind: 'remoteBooking' as const, hour: h })), weight: 2 },
    { arbitrary: fc.constant({ kind: 'push' as const }), weight: 3 },
    { arbitrary: fc.constant({ kind: 'pull' as const }), weight: 3 },
    { arbitrary: fc.constant({ kind: 'timePasses' as const }), weight: 1 },
    {
      arbitrary: fc.record({
        kind: fc.constant('fault' as const),
        operation: fc.constantFrom<CalendarOperation>('list', 'create', 'update', 'delete'),
        fault: fc.constantFrom(...faults),
        times: fc.integer({ min: 1, max: 2 }),
      }),
      weight: 2,
    },
    { arbitrary: fc.constant({ kind: 'revoke' as const }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'reconnect' as const }), weight: 1 },
    { arbitrary: fc.constant({ kind: 'workerDies' as const }), weight: 1 },
  );
}

const harnesses = new Map<string, CalendarHarness>();
let t: TestApp;

beforeAll(async () => {
  const env: Record<string, string> = {};
  for (const provider of calendarProviders) {
    const harness = await provider.start();
    harnesses.set(provider.provider, harness);
    Object.assign(env, harness.env);
  }
  t = await createTestApp({ env });
});
afterAll(async () => {
  await t?.close();
  for (const harness of harnesses.values()) await harness.close();
});

describe.each(calendarProviders)('two-way sync with $name', ({ provider }) => {
  let owner: SignedUpOwner;
  let cases = 0;

  beforeAll(async () => {
    owner = await signUpOwner(t.app);
  });

  /** A case's world: a fresh calendar account, connected to the emptied practice. */
  async function freshCase() {
    const calendar = harnesses.get(provider)!;
    cases += 1;
    for (const connection of (await owner.client.get('/api/calendar')).json().data) {
      expect((await owner.client.delete(`/api/calendar?id=${connection.id}`)).statusCode).toBe(200);
    }
    await t.database.db.delete(appointments).where(eq(appointments.tenantId, owner.tenantId));
    await t.database.db.delete(calendarOutbox).where(eq(calendarOutbox.tenantId, owner.tenantId));
    await calendar.clearFaults();
    const email = `convergence-${provider}-${cases}@clinic.example`;
    expect(await calendar.connect(owner.client, email)).toContain(`connected=${provider}`);
    return { calendar, email };
  }

  /** A worker process's view: retries without waiting, Google requests time out after 300 ms. */
  const workerContext = (): CalendarContext => {
    const ctx = createCalendarContext(t.database.db, t.config, { sleep: async () => {} });
    ctx.google.requestTimeoutMs = 300;
    return ctx;
  };

  const connection = async () =>
    (
      await t.database.db
        .select()
        .from(calendarConnections)
        .where(eq(calendarConnections.tenantId, owner.tenantId))
    )[0]!;

  async function runCase(steps: Step[]) {
    const { calendar, email } = await freshCase();
    let ctx = workerContext();
    /** Access was revoked in the calendar account and the user has not reconnected since. */
    let revoked = false;
    /** Appointments in the order they appeared (ours and imported), for steps to pick from. */
    const known: string[] = [];
    const created = new Set<string>();
    let days = 0;
    const nextDay = () => {
      days += 1;
      return days;
    };
    const at = (day: number, h: number) => utcAt(day + 2, `${String(h).padStart(2, '0')}:00`);
    const dayOf = new Map<string, number>();

    const refreshKnown = async () => {
      const rows = await t.database.db
        .select({ id: appointments.id, startTime: appointments.startTime })
        .from(appointments)
        .where(eq(appointments.tenantId, owner.tenantId))
        .orderBy(appointments.createdAt);
      for (const row of rows) {
        if (!known.includes(row.id)) known.push(row.id);
        if (!dayOf.has(row.id)) {
          // Imported bookings keep the day they were made on.
          dayOf.set(
            row.id,
            Math.floor((row.startTime.getTime() - Date.parse(utcAt(2, '00:00'))) / 86_400_000),
          );
        }
      }
    };
    const pick = (n: number) => (known.length === 0 ? undefined : known[n % known.length]);
    const eventOf = async (appointmentId: string) => {
      const [link] = await t.database.db
        .select({ id: calendarEventLinks.externalEventId })
        .from(calendarEventLinks)
        .where(eq(calendarEventLinks.appointmentId, appointmentId));
      return link?.id;
    };
    /** A person's edit of an event that may be gone already (deleted on either side): then nothing happens. */
    const upstream = async (edit: () => Promise<void>) => {
      try {
        await edit();
      } catch (error) {
        if (!/ (404|410) /.test(String(error))) throw error;
      }
    };
    const local = async <R extends { statusCode: number; body: string }>(response: R) => {
      // Refusals (a cancelled appointment cannot move) are fine; a 500 never is.
      expect(response.statusCode, response.body).toBeLessThan(500);
      return response;
    };

    for (const step of steps) {
      switch (step.kind) {
        case 'localCreate': {
          const day = nextDay();
          const response = await local(
            await owner.client.post('/api/appointments', {
              title: 'Consultation',
              startTime: at(day, step.hour),
              endTime: at(day, step.hour + 1),
              status: 'confirmed',
            }),
          );
          if (response.statusCode === 201) {
            const id = response.json().data.id as string;
            created.add(id);
            known.push(id);
            dayOf.set(id, day);
          }
          break;
        }
        case 'localMove': {
          const id = pick(step.target);
          if (!id) break;
          const day = dayOf.get(id)!;
          await local(
            await owner.client.put(`/api/appointments/${id}`, {
              startTime: at(day, step.hour),
              endTime: at(day, step.hour + 1),
            }),
          );
          break;
        }
        case 'localRename': {
          const id = pick(step.target);
          if (id) await local(await owner.client.put(`/api/appointments/${id}`, { title: step.title }));
          break;
        }
        case 'localCancel': {
          const id = pick(step.target);
          if (id) await local(await owner.client.put(`/api/appointments/${id}`, { status: 'cancelled' }));
          break;
        }
        case 'remoteMove': {
          const id = pick(step.target);
          const eventId = id && (await eventOf(id));
          if (!eventId) break;
          const day = dayOf.get(id)!;
          await upstream(() =>
            calendar.edit(email, eventId, { start: at(day, step.hour), end: at(day, step.hour + 1) }),
          );
          break;
        }
        case 'remoteMoveOnto': {
          const id = pick(step.target);
          const onto = pick(step.onto);
          const eventId = id && id !== onto && (await eventOf(id));
          if (!eventId) break;
          const [other] = await t.database.db
            .select({ start: appointments.startTime, end: appointments.endTime })
            .from(appointments)
            .where(eq(appointments.id, onto!));
          await upstream(() =>
            calendar.edit(email, eventId, {
              start: other!.start.toISOString(),
              end: other!.end.toISOString(),
            }),
          );
          break;
        }
        case 'remoteRename': {
          const id = pick(step.target);
          const eventId = id && (await eventOf(id));
          if (eventId) await upstream(() => calendar.edit(email, eventId, { summary: step.title }));
          break;
        }
        case 'remoteDelete': {
          const id = pick(step.target);
          const eventId = id && (await eventOf(id));
          if (eventId) await upstream(() => calendar.remove(email, eventId));
          break;
        }
        case 'remoteBooking': {
          const day = nextDay();
          await calendar.create(
            email,
            assistantBooking({
              start: at(day, step.hour),
              end: at(day, step.hour + 1),
              email: `caller${day}@example.com`,
            }),
          );
          break;
        }
        case 'push':
          await drainOutbox(ctx, { tenantId: owner.tenantId });
          break;
        case 'pull':
          await syncConnection(ctx, await connection(), 'manual');
          await refreshKnown();
          break;
        case 'timePasses':
          await t.database.db
            .update(calendarOutbox)
            .set({ nextAttemptAt: new Date(Date.now() - 1000) })
            .where(and(eq(calendarOutbox.tenantId, owner.tenantId), eq(calendarOutbox.status, 'pending')));
          break;
        case 'fault':
          if (step.fault === 'timeout') {
            await fetch(`${calendar.emulator.url}/__emulator/faults`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ ...googlePaths[step.operation], latencyMs: 600, times: step.times }),
            });
          } else if (step.fault === '429') {
            await calendar.throttle(step.operation, { retryAfterSeconds: 0, times: step.times });
          } else {
            await calendar.fail(step.operation, { status: 500, times: step.times });
          }
          break;
        case 'revoke':
          await calendar.revokeAccess(email);
          revoked = true;
          break;
        case 'reconnect':
          if (revoked) {
            expect(await calendar.connect(owner.client, email)).toContain(`connected=${provider}`);
            revoked = false;
          }
          break;
        case 'workerDies':
          // A worker claimed the due pushes (as drainOutbox does) and died before doing them;
          // the next process starts with nothing in memory.
          await t.database.db.execute(sql`
            update calendar_outbox
            set attempts = attempts + 1, next_attempt_at = now() + interval '2 minutes'
            where tenant_id = ${owner.tenantId} and status = 'pending' and next_attempt_at <= now()`);
          ctx = workerContext();
          break;
      }
    }

    await settle(calendar, email, ctx, revoked);
    await refreshKnown();
    await expectAgreement(calendar, email, created);
  }

  /** The faults stop, the user reconnects if needed, time passes: pushes and pulls until nothing moves. */
  async function settle(calendar: CalendarHarness, email: string, ctx: CalendarContext, revoked: boolean) {
    await calendar.clearFaults();
    if (revoked) {
      expect(await calendar.connect(owner.client, email)).toContain(`connected=${provider}`);
    }
    for (let round = 0; round < 10; round++) {
      await t.database.db
        .update(calendarOutbox)
        .set({ nextAttemptAt: new Date(Date.now() - 1000) })
        .where(and(eq(calendarOutbox.tenantId, owner.tenantId), eq(calendarOutbox.status, 'pending')));
      const pushed = await drainOutbox(ctx, { tenantId: owner.tenantId });
      const pulled = await syncConnection(ctx, await connection(), 'manual');
      expect(pulled.error, JSON.stringify(pulled.error)).toBeUndefined();
      const { created, updated, cancelled } = pulled.counts;
      if (pushed.claimed === 0 && created + updated + cancelled === 0) return;
    }
    throw new Error('the sync did not settle within 10 rounds of pushes and pulls');
  }

  async function expectAgreement(calendar: CalendarHarness, email: string, created: Set<string>) {
    const rows = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.tenantId, owner.tenantId));
    const conn = await connection();
    const links = await t.database.db
      .select()
      .from(calendarEventLinks)
      .where(eq(calendarEventLinks.connectionId, conn.id));
    const events = await calendar.events(email);
    const outbox = await t.database.db
      .select()
      .from(calendarOutbox)
      .where(
        and(
          eq(calendarOutbox.tenantId, owner.tenantId),
          inArray(calendarOutbox.status, ['pending', 'parked', 'failed']),
        ),
      );
    expect(outbox, 'nothing left to push, nothing given up').toEqual([]);

    // No appointment made in Rendezvous was lost (a cancellation keeps the row).
    for (const id of created)
      expect(
        rows.some((r) => r.id === id),
        `appointment ${id} kept`,
      ).toBe(true);

    const live = rows.filter((r) => r.status === 'pending' || r.status === 'confirmed');
    const eventById = new Map(events.map((e) => [e.id, e]));
    for (const row of live) {
      const linked = links.filter((l) => l.appointmentId === row.id);
      expect(linked, `appointment ${row.id} has one event`).toHaveLength(1);
      const event = eventById.get(linked[0]!.externalEventId);
      expect(event, `the event of ${row.id} is in the calendar`).toBeDefined();
      expect(
        { start: event!.start.toISOString(), end: event!.end.toISOString(), title: event!.summary },
        `event and appointment ${row.id} agree`,
      ).toEqual({ start: row.startTime.toISOString(), end: row.endTime.toISOString(), title: row.title });
    }
    // Every event in the calendar belongs to one live appointment: none doubled, none orphaned.
    const liveIds = new Set(live.map((r) => r.id));
    for (const event of events) {
      const owners = links.filter((l) => l.externalEventId === event.id).map((l) => l.appointmentId);
      expect(owners, `event ${event.id} (${event.summary}) belongs to one live appointment`).toHaveLength(1);
      expect(liveIds.has(owners[0]!), `event ${event.id} belongs to a live appointment`).toBe(true);
      const carried = event.metadata.rendezvous_appointment_id;
      if (carried) expect(carried).toBe(owners[0]);
    }
    expect(events).toHaveLength(live.length);
  }

  it(`agree after random edits on both sides with faults (${runs} cases)`, async () => {
    const faults: Fault[] = provider === 'google' ? ['429', '500', 'timeout'] : ['429', '500'];
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary(faults), { minLength: 1, maxLength: 14 }), runCase),
      { numRuns: runs, seed, path, endOnFailure: process.env.CI !== undefined },
    );
  }, 600_000);
});

const googlePaths: Record<CalendarOperation, { method: string; path: string }> = {
  list: { method: 'GET', path: '/events$' },
  create: { method: 'POST', path: '/events$' },
  update: { method: 'PATCH', path: '/events/[^/]+$' },
  delete: { method: 'DELETE', path: '/events/[^/]+$' },
};
