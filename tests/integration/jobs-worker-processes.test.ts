import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import {
  appointments,
  calendarConnections,
  calendarEventLinks,
  syncRuns,
} from '../../src/db/schema/index.ts';
import { type JobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import {
  assistantBooking,
  type CalendarHarness,
  calendarProviders,
  utcAt,
} from '../support/calendar-harness.ts';
import { signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { createPostgresDatabase, testDatabaseKind } from '../support/test-database.ts';

/**
 * Scale-out as deployed (README "Scaling out"): an API process and worker processes started as
 * `npm run start:worker` does (src/server/main.ts with PROCESS_ROLE=worker), all on one
 * PostgreSQL. PGlite is one process by nature, so this file runs on the postgres project only.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface WorkerProcess {
  child: ChildProcess;
  /** Every JSON log line the worker printed. */
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

describe.runIf(testDatabaseKind() === 'postgres')('worker processes on one PostgreSQL', () => {
  const harnesses: CalendarHarness[] = [];
  let drop: () => Promise<void>;
  let databaseUrl: string;
  let api: TestApp;
  /** Sends jobs as an API process does (it runs none). */
  let sender: JobQueue;
  const env: Record<string, string> = {
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUTO_SYNC_ENABLED: 'false',
  };
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    for (const provider of calendarProviders) harnesses.push(await provider.start());
    for (const harness of harnesses) Object.assign(env, harness.env);
    ({ url: databaseUrl, drop } = await createPostgresDatabase());
    api = await createTestApp({ env, database: await openDatabase({ databaseUrl, dataDir: 'unused' }) });
    sender = await startJobQueue({
      database: api.database,
      calendar: api.calendar,
      work: false,
      autoSync: { enabled: false, intervalSeconds: 300 },
    });
  });
  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await sender?.stop();
    await api?.close();
    await drop?.();
    for (const harness of harnesses) await harness.close();
  });

  /** `npm run start:worker`, from the sources. Resolves once the worker says it runs. */
  async function startWorker(): Promise<WorkerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        PROCESS_ROLE: 'worker',
        LOG_LEVEL: 'debug',
        PUBLIC_URL: 'http://localhost:3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: Record<string, unknown>[] = [];
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (chunk: string) => {
        output += chunk;
        for (const line of chunk.split('\n')) {
          if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
          if (line.includes('is running')) resolve();
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      void exited.then((code) => reject(new Error(`worker exited (${code}) before it ran:\n${output}`)));
    });
    const slow = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await ready.finally(() => clearTimeout(slow));
    const worker = { child, logs, exited };
    workers.push(worker);
    return worker;
  }

  const until = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 30_000, interval: 100 });

  async function connectedPractice(harness: CalendarHarness, email: string) {
    const owner = await signUpOwner(api.app);
    expect(await harness.connect(owner.client, email)).toContain(`connected=${harness.provider}`);
    const [connection] = await api.database.db
      .select()
      .from(calendarConnections)
      .where(eq(calendarConnections.tenantId, owner.tenantId));
    return { ...owner, connectionId: connection!.id };
  }

  it('two workers run each queued job exactly once', async () => {
    const google = harnesses.find((h) => h.provider === 'google')!;
    const [first, second] = await Promise.all([startWorker(), startWorker()]);
    const practices = [];
    for (let i = 0; i < 6; i++) {
      const email = `two-workers-${i}@clinic.example`;
      practices.push(await connectedPractice(google, email));
      await google.seed(email, [
        assistantBooking({ start: utcAt(20, '09:00'), end: utcAt(20, '09:30'), email: `p${i}@example.com` }),
      ]);
    }

    for (const practice of practices) await sender.requestSync(practice.connectionId, 'webhook');

    const done = () =>
      [...first.logs, ...second.logs].filter((l) => l.msg === 'job done' && l.queue === 'calendar.sync');
    await until(async () => expect(done()).toHaveLength(practices.length));
    const jobIds = done().map((l) => l.job);
    expect(new Set(jobIds).size).toBe(practices.length);
    for (const practice of practices) {
      const rows = await api.database.db
        .select()
        .from(appointments)
        .where(eq(appointments.tenantId, practice.tenantId));
      expect(rows).toHaveLength(1);
      const runs = await api.database.db
        .select()
        .from(syncRuns)
        .where(eq(syncRuns.connectionId, practice.connectionId));
      expect(runs.map((r) => r.status)).toEqual(['succeeded']);
    }

    // The second worker leaves the way a deployment stops it: SIGTERM, in-flight work finished.
    // (The first stays, for the next test to kill.)
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);

  it('a worker killed in the middle of pulls, then started again, imports everything once', async () => {
    // Each calendar holds more events than one page of its provider (Google 2,500 and Graph 500
    // per page), so the worker dies with some pages applied and the cursor not yet saved.
    const pageAndMore = { google: 2600, microsoft: 600 } as const;
    const calendars: {
      harness: CalendarHarness;
      practice: Awaited<ReturnType<typeof connectedPractice>>;
      count: number;
    }[] = [];
    for (const harness of harnesses) {
      const email = `killed-${harness.provider}@clinic.example`;
      const practice = await connectedPractice(harness, email);
      const count = pageAndMore[harness.provider];
      await harness.seed(
        email,
        Array.from({ length: count }, (_, i) =>
          assistantBooking({
            start: new Date(Date.parse(utcAt(30, '00:00')) + i * 3_600_000).toISOString(),
            end: new Date(Date.parse(utcAt(30, '00:30')) + i * 3_600_000).toISOString(),
            email: `patient${i}@example.com`,
          }),
        ),
      );
      // The first two page reads take 1.5 s each: the worker is killed between them.
      const fault = await fetch(`${harness.emulator.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: 'GET', latencyMs: 1500, times: 2 }),
      });
      expect(fault.status).toBe(201);
      calendars.push({ harness, practice, count });
    }
    const imported = async (tenantId: string) =>
      (
        await api.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(appointments)
          .where(eq(appointments.tenantId, tenantId))
      )[0]!.n;

    const doomed = workers.find((w) => w.child.exitCode === null) ?? (await startWorker());
    for (const { practice } of calendars) await sender.requestSync(practice.connectionId, 'webhook');
    await until(async () => {
      for (const { practice } of calendars) expect(await imported(practice.tenantId)).toBeGreaterThan(0);
    });
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    for (const { practice, count } of calendars)
      expect(await imported(practice.tenantId)).toBeLessThan(count);

    for (const { harness } of calendars) await harness.clearFaults();
    const restarted = await startWorker();
    // The next notification (or the auto-sync) asks again; the dead worker's locks died with it.
    for (const { practice } of calendars) await sender.requestSync(practice.connectionId, 'webhook');
    await until(async () => {
      for (const { practice, count } of calendars) expect(await imported(practice.tenantId)).toBe(count);
    });

    for (const { practice, count } of calendars) {
      const rows = await api.database.db
        .select({ email: appointments.attendeeEmail })
        .from(appointments)
        .where(eq(appointments.tenantId, practice.tenantId));
      expect(new Set(rows.map((r) => r.email)).size).toBe(count);
      const [links] = await api.database.db
        .select({ n: sql<number>`count(distinct ${calendarEventLinks.externalEventId})::int` })
        .from(calendarEventLinks)
        .where(eq(calendarEventLinks.connectionId, practice.connectionId));
      expect(links!.n).toBe(count);
    }
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  }, 120_000);
});
