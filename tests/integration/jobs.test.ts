import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCalendarContext } from '../../src/calendar/calendar-context.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { appointments, syncRuns } from '../../src/db/schema/index.ts';
import { type JobQueue, type JobQueueOptions, startJobQueue } from '../../src/jobs/job-queue.ts';
import { syncAllJob } from '../../src/jobs/sync-all-job.ts';
import { syncConnectionJob } from '../../src/jobs/sync-connection-job.ts';
import {
  assistantBooking,
  type CalendarHarness,
  startGoogleHarness,
  utcAt,
} from '../support/calendar-harness.ts';
import { type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createTestDatabase } from '../support/test-database.ts';

/**
 * The job system itself (pg-boss on the app's own database, PGlite or PostgreSQL): it starts
 * with the app, carries bookings to calendars with nobody draining by hand, keeps the auto-sync
 * schedule, and hands a job back when a worker stops in the middle of it. Provider behaviour is
 * covered per provider in jobs-calendar-sync.test.ts; Google is enough here.
 */
let calendar: CalendarHarness;
/** The app without workers of its own (as PROCESS_ROLE=api): each test starts the workers it needs. */
let t: TestApp;

beforeAll(async () => {
  calendar = await startGoogleHarness();
  t = await createTestApp({ env: calendar.env });
});
afterAll(async () => {
  await t?.close();
  await calendar?.close();
});

let emails = 0;
async function connectedPractice(): Promise<SignedUpOwner & { calendarEmail: string }> {
  emails += 1;
  const calendarEmail = `jobs${emails}@clinic.example`;
  const owner = await signUpOwner(t.app);
  expect(await calendar.connect(owner.client, calendarEmail)).toContain('connected=google');
  return { ...owner, calendarEmail };
}

const startWorker = (options: Partial<JobQueueOptions> = {}) =>
  startJobQueue({
    database: t.database,
    calendar: t.calendar,
    work: true,
    autoSync: { enabled: false, intervalSeconds: 300 },
    outboxPollMs: 100,
    pollingIntervalSeconds: 0.5,
    ...options,
  });

const until = (check: () => Promise<void>, timeout = 15_000) => vi.waitFor(check, { timeout, interval: 50 });

async function emulatorFault(rule: Record<string, unknown>) {
  const response = await fetch(`${calendar.emulator.url}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  expect(response.status).toBe(201);
}

describe('the job queue on the application database', () => {
  let worker: JobQueue;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
  });

  it('carries a booking to the calendar with no one draining the outbox by hand', async () => {
    const owner = await connectedPractice();
    const booked = await owner.client.post('/api/appointments', {
      title: 'Check-up',
      startTime: utcAt(5, '09:00'),
      endTime: utcAt(5, '09:30'),
      status: 'confirmed',
    });
    expect(booked.statusCode, booked.body).toBe(201);

    await until(async () => {
      const events = await calendar.events(owner.calendarEmail);
      expect(events.map((e) => e.metadata.rendezvous_appointment_id)).toEqual([booked.json().data.id]);
    });
  });

  it('runs an auto-sync cycle over every active calendar, except those of practices that stopped auto-sync', async () => {
    const syncing = await connectedPractice();
    const stopped = await connectedPractice();
    expect((await stopped.client.post('/api/calendar/auto-sync/stop')).statusCode).toBe(200);
    for (const practice of [syncing, stopped]) {
      await calendar.seed(practice.calendarEmail, [
        assistantBooking({ start: utcAt(6, '10:00'), end: utcAt(6, '10:30') }),
      ]);
    }

    await worker.requestSyncAll();

    await until(async () => {
      const imported = await t.database.db
        .select()
        .from(appointments)
        .where(eq(appointments.tenantId, syncing.tenantId));
      expect(imported).toHaveLength(1);
      // The run is recorded once the pull ends, a statement after its import.
      const status = (await syncing.client.get('/api/calendar/auto-sync/status')).json().data;
      expect(status.last_sync_result).toMatchObject({ created: 1, error: null });
    });
    const untouched = await t.database.db
      .select()
      .from(syncRuns)
      .where(eq(syncRuns.tenantId, stopped.tenantId));
    expect(untouched).toEqual([]);
  });

  it('keeps the auto-sync schedule at AUTO_SYNC_INTERVAL while enabled, and drops it when disabled', async () => {
    const owner = await connectedPractice();
    const enabled = await startWorker({ autoSync: { enabled: true, intervalSeconds: 600 } });
    try {
      expect(await enabled.isAutoSyncScheduled()).toBe(true);
      const schedules = await (await import('../../src/jobs/boss.ts'))
        .createBoss(t.database, { supervise: false, schedule: false })
        .getSchedules();
      expect(schedules.find((s) => s.name === syncAllJob.name)?.cron).toBe('*/10 * * * *');
      // Push channels are renewed hourly, well within their last day (calendar-webhook.test.ts).
      expect(schedules.find((s) => s.name === 'calendar.renew-channels')?.cron).toBe('17 * * * *');
      // History past its retention goes once a day (housekeeping.test.ts).
      expect(schedules.find((s) => s.name === 'maintenance.housekeeping')?.cron).toBe('23 3 * * *');
    } finally {
      await enabled.stop();
    }
    const disabled = await startWorker({ autoSync: { enabled: false, intervalSeconds: 600 } });
    try {
      expect(await disabled.isAutoSyncScheduled()).toBe(false);
    } finally {
      await disabled.stop();
    }
    // The app's status reads the schedule from the database (set by whichever worker runs it).
    const status = (await owner.client.get('/api/calendar/status')).json().data;
    expect(status.auto_sync).toMatchObject({ running: false, interval_seconds: 300 });
  });
});

describe("pg-boss's maintenance on this database", () => {
  it('leaves the database usable when one of its multi-statement batches fails half-way', async () => {
    // pg-boss sends `BEGIN; …; COMMIT;` as one text; PGlite has a single connection to lose.
    await expect(t.database.execMany('BEGIN; SELECT 1; SELECT 1 / 0; COMMIT;')).rejects.toThrow(
      /division by zero/,
    );
    const { rows } = await t.database.query('select 41 + 1 as answer');
    expect(rows).toEqual([{ answer: 42 }]);
  });
});

describe('stopping a worker', () => {
  it('lets pg-boss finish with the database before the database closes', async () => {
    const database = await createTestDatabase();
    await migrate(database);
    // pg-boss's fetch of a pull, delivered late: the worker stops while it is on its way, with the job.
    let fetching: (() => void) | undefined;
    const slowed: DatabaseHandle = {
      ...database,
      query: async (text, values) => {
        const result = await database.query(text, values);
        if (/SKIP LOCKED/.test(text) && values?.[0] === syncConnectionJob.name && result.rows.length > 0) {
          fetching?.();
          await sleep(300);
        }
        return result;
      },
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const jobs = await startJobQueue({
        database: slowed,
        calendar: createCalendarContext(database.db, t.config),
        work: true,
        autoSync: { enabled: false, intervalSeconds: 300 },
        pollingIntervalSeconds: 0.5,
      });
      const fetched = new Promise<void>((resolve) => {
        fetching = resolve;
      });
      await jobs.requestSync(randomUUID(), 'manual');
      await fetched;
      await jobs.stop();
      await database.close();
      // Time for what pg-boss would still send: the job's end, recorded without being awaited.
      await sleep(500);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('hands back a pull it had to interrupt, and the next worker completes it once', async () => {
    const owner = await connectedPractice();
    await calendar.seed(owner.calendarEmail, [
      assistantBooking({ start: utcAt(7, '09:00'), end: utcAt(7, '09:30'), email: 'a@example.com' }),
      assistantBooking({ start: utcAt(7, '10:00'), end: utcAt(7, '10:30'), email: 'b@example.com' }),
    ]);
    const [connection] = (await owner.client.get('/api/calendar')).json().data;
    const runsOf = () =>
      t.database.db.select().from(syncRuns).where(eq(syncRuns.connectionId, connection.id));
    const imported = () =>
      t.database.db.select().from(appointments).where(eq(appointments.tenantId, owner.tenantId));

    // The calendar answers slowly: the pull is still waiting for its page when the worker stops.
    await emulatorFault({ method: 'GET', path: '/events$', latencyMs: 1500, times: 1 });
    const first = await startWorker({ shutdownGraceMs: 100 });
    await first.requestSync(connection.id, 'webhook');
    const jobState = async () =>
      (
        await t.database.query(
          `select state from pgboss.job where name = 'calendar.sync' and singleton_key = $1`,
          [connection.id],
        )
      ).rows.map((r) => r.state);
    await until(async () => expect(await jobState()).toEqual(['active']));

    await first.stop();

    expect(await runsOf()).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.stringMatching(/interrupted/) }),
    ]);
    expect(await imported()).toEqual([]);

    const second = await startWorker();
    try {
      await until(async () => {
        expect((await imported()).map((a) => a.attendeeEmail).sort()).toEqual([
          'a@example.com',
          'b@example.com',
        ]);
      });
    } finally {
      await second.stop();
    }
    expect((await runsOf()).map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
  });
});
