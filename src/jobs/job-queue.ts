import type PgBoss from 'pg-boss';
import type { BillingContext } from '../billing/billing-context.ts';
import type { CalendarContext } from '../calendar/calendar-context.ts';
import type { SyncTrigger } from '../calendar/sync/sync-runs.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createBoss, keepWhileRunning } from './boss.ts';
import { housekeepingJob } from './housekeeping-job.ts';
import { pushOutboxJob } from './push-outbox-job.ts';
import { renewChannelsJob } from './renew-channels-job.ts';
import { settleDeskPaymentsJob } from './settle-desk-payments-job.ts';
import { autoSyncSchedule, describePeriod, syncAllJob } from './sync-all-job.ts';
import { syncConnectionJob } from './sync-connection-job.ts';
import { voidOutdatedInvoicesJob } from './void-outdated-invoices-job.ts';

/** Where the job system reports what went wrong (pino's shape; Fastify's logger fits). */
export interface JobLog {
  debug: (details: object, message: string) => void;
  warn: (details: object, message: string) => void;
  error: (details: object, message: string) => void;
}

export interface JobQueueOptions {
  database: DatabaseHandle;
  calendar: CalendarContext;
  /** Lago and the database, for telling Lago of desk payments; without it that job does nothing. */
  billing?: BillingContext;
  /** Run the handlers here (`all` and `worker` processes); API-only processes only send. */
  work: boolean;
  autoSync: { enabled: boolean; intervalSeconds: number };
  log?: JobLog;
  /** How often a worker looks for due outbox rows (ms). */
  outboxPollMs?: number;
  /** How often each worker loop asks pg-boss for a job when idle (seconds, 0.5 at least). */
  pollingIntervalSeconds?: number;
  /** Concurrent `calendar.sync` jobs per worker process. */
  syncConcurrency?: number;
  /** How long `stop()` lets running jobs finish before interrupting them (they are retried). */
  shutdownGraceMs?: number;
}

/** What the rest of the application asks of the job system. */
export interface JobQueue {
  /** Queues a pull of one connection; while one is waiting, more requests add nothing. */
  requestSync(connectionId: string, trigger: SyncTrigger): Promise<void>;
  /** Queues an outbox drain. */
  requestPush(): Promise<void>;
  /** Queues one auto-sync cycle now (what the schedule does every interval). */
  requestSyncAll(): Promise<void>;
  /** The auto-sync schedule is registered in the database (by this process or another worker). */
  isAutoSyncScheduled(): Promise<boolean>;
  readonly isWorking: boolean;
  readonly autoSync: { enabled: boolean; intervalSeconds: number };
  /** Stops taking jobs, lets running ones finish or hands them back, then stops. */
  stop(): Promise<void>;
}

const silentLog: JobLog = { debug: () => {}, warn: () => {}, error: () => {} };

async function ensureQueue(boss: PgBoss, queue: PgBoss.Queue) {
  // createQueue keeps an existing queue as it is; updateQueue brings its settings up to date
  // (and must be given the policy: pg-boss 10 resets an omitted one to `standard`).
  await boss.createQueue(queue.name, queue);
  await boss.updateQueue(queue.name, queue);
}

/**
 * pg-boss with our queues:
 * - `calendar.sync` (policy `short`: at most one waiting job per connection, so a burst of
 *   notifications becomes one pull; one pull at a time per connection is the sync's own
 *   cluster-wide lock, which — unlike a pg-boss `stately` queue — never lets one connection's
 *   waiting job hold up every other connection's);
 * - `calendar.push` (the outbox; `stately`: one drain running and one waiting);
 * - `calendar.sync-all` every AUTO_SYNC_INTERVAL (rounded to a period cron keeps evenly, with a
 *   warning when that changes it), `calendar.renew-channels` hourly and
 *   `maintenance.housekeeping` daily, `billing.settle-desk-payments` and
 *   `billing.void-outdated-invoices` every 5 minutes, as pg-boss
 *   schedules, which fire once cluster-wide however many workers run.
 * Workers also look at the outbox every second and queue a drain when something is due, so a
 * booking reaches the calendars within about a second of its commit without any code sending
 * jobs from inside a transaction (DESIGN §2: on PGlite that would wait forever).
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const log = options.log ?? silentLog;
  /** pg-boss's statements and our job handlers while they run (see `stop`). */
  const underway = new Set<Promise<unknown>>();
  const boss: PgBoss = createBoss(
    options.database,
    {
      // API-only processes send jobs; maintenance and schedules are the workers' business.
      supervise: options.work,
      schedule: options.work,
    },
    underway,
  );
  boss.on('error', (error: Error & { queue?: string }) => {
    log.error({ err: error, queue: error.queue }, 'job queue error');
  });
  await boss.start();
  await ensureQueue(boss, {
    name: syncConnectionJob.name,
    policy: 'short',
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  });
  await ensureQueue(boss, {
    name: pushOutboxJob.name,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 1,
    expireInSeconds: 15 * 60,
  });
  await ensureQueue(boss, { name: syncAllJob.name, policy: 'stately', expireInSeconds: 60 * 60 });
  await ensureQueue(boss, { name: renewChannelsJob.name, policy: 'stately', expireInSeconds: 15 * 60 });
  await ensureQueue(boss, { name: housekeepingJob.name, policy: 'stately', expireInSeconds: 30 * 60 });
  await ensureQueue(boss, { name: settleDeskPaymentsJob.name, policy: 'stately', expireInSeconds: 15 * 60 });
  await ensureQueue(boss, {
    name: voidOutdatedInvoicesJob.name,
    policy: 'stately',
    expireInSeconds: 15 * 60,
  });

  // Handlers see this signal: a stopping worker interrupts long work at a safe point.
  const stopping = new AbortController();
  const ctx: CalendarContext = { ...options.calendar, signal: stopping.signal };
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 };
  const pushWorkers: string[] = [];
  let poller: NodeJS.Timeout | undefined;

  const requestPush = async () => {
    await boss.send(pushOutboxJob.name, {}, { singletonKey: 'outbox' });
    // A drain requested by this process starts now rather than at the next poll.
    for (const id of pushWorkers) boss.notifyWorker(id);
  };

  /** Runs one job, saying in the log which job ran where (operators follow a job across workers by its id). */
  const handler =
    (queue: string, handle: (data: unknown) => Promise<unknown>) =>
    ([job]: PgBoss.Job<object>[]) =>
      keepWhileRunning(
        underway,
        (async () => {
          try {
            const output = await handle(job!.data);
            log.debug({ queue, job: job!.id, pid: process.pid }, 'job done');
            return output;
          } catch (error) {
            log.warn(
              { queue, job: job!.id, pid: process.pid, err: error },
              'job failed; pg-boss will retry it',
            );
            throw error;
          }
        })(),
      );

  if (options.work) {
    for (let i = 0; i < (options.syncConcurrency ?? 4); i++) {
      await boss.work(
        syncConnectionJob.name,
        polling,
        handler(syncConnectionJob.name, (data) => syncConnectionJob.handle(ctx, data)),
      );
    }
    pushWorkers.push(
      await boss.work(
        pushOutboxJob.name,
        polling,
        handler(pushOutboxJob.name, () => pushOutboxJob.handle(ctx)),
      ),
    );
    await boss.work(
      syncAllJob.name,
      polling,
      handler(syncAllJob.name, () => syncAllJob.handle(ctx)),
    );
    await boss.work(
      renewChannelsJob.name,
      polling,
      handler(renewChannelsJob.name, () => renewChannelsJob.handle(ctx)),
    );
    await boss.work(
      housekeepingJob.name,
      polling,
      handler(housekeepingJob.name, () => housekeepingJob.handle(ctx)),
    );
    await boss.work(
      settleDeskPaymentsJob.name,
      polling,
      handler(settleDeskPaymentsJob.name, () => settleDeskPaymentsJob.handle(options.billing, log)),
    );
    await boss.work(
      voidOutdatedInvoicesJob.name,
      polling,
      handler(voidOutdatedInvoicesJob.name, () => voidOutdatedInvoicesJob.handle(options.billing, log)),
    );
    if (options.autoSync.enabled) {
      const configured = options.autoSync.intervalSeconds;
      const schedule = autoSyncSchedule(configured);
      if (schedule.periodSeconds !== configured) {
        log.warn(
          { configuredSeconds: configured, periodSeconds: schedule.periodSeconds, cron: schedule.cron },
          `AUTO_SYNC_INTERVAL=${configured} is not a period a cron schedule keeps evenly: ` +
            `auto-sync runs every ${describePeriod(schedule.periodSeconds)} instead`,
        );
      }
      await boss.schedule(syncAllJob.name, schedule.cron);
    } else {
      await boss.unschedule(syncAllJob.name);
    }
    await boss.schedule(renewChannelsJob.name, renewChannelsJob.cron);
    await boss.schedule(housekeepingJob.name, housekeepingJob.cron);
    await boss.schedule(settleDeskPaymentsJob.name, settleDeskPaymentsJob.cron);
    await boss.schedule(voidOutdatedInvoicesJob.name, voidOutdatedInvoicesJob.cron);

    let looking = false;
    poller = setInterval(() => {
      if (looking) return;
      looking = true;
      options.database
        .query(`select 1 from calendar_outbox where status = 'pending' and next_attempt_at <= now() limit 1`)
        .then(({ rows }) => (rows.length > 0 ? requestPush() : undefined))
        .catch((error: unknown) => log.warn({ err: error }, 'outbox poll failed'))
        .finally(() => {
          looking = false;
        });
    }, options.outboxPollMs ?? 1000);
    poller.unref();
  }

  let stopped: Promise<void> | undefined;
  return {
    requestSync: async (connectionId, trigger) => {
      await boss.send(syncConnectionJob.name, { connectionId, trigger }, { singletonKey: connectionId });
    },
    requestPush,
    requestSyncAll: async () => {
      await boss.send(syncAllJob.name, {});
    },
    isAutoSyncScheduled: async () =>
      (await boss.getSchedules()).some((schedule) => schedule.name === syncAllJob.name),
    isWorking: options.work,
    autoSync: options.autoSync,
    stop: () => {
      stopped ??= (async () => {
        if (poller) clearInterval(poller);
        const grace = options.shutdownGraceMs ?? 10_000;
        // Running jobs get `grace` to finish; then they stop at their next safe point (a page
        // of a pull, a row of the outbox) and fail, so pg-boss hands them to another worker.
        const interrupt = setTimeout(() => stopping.abort(), grace);
        try {
          await boss.stop({ graceful: true, wait: true, close: false, timeout: grace + 5000 });
          // pg-boss's stop() can resolve while a worker's last fetch is still bringing a job, and
          // it records a job's end (complete or fail) without awaiting it: the database closed
          // under either left a statement on an ended pool, a rejection nothing catches. What it
          // started is let finish first.
          await settle(underway, Date.now() + grace);
        } finally {
          clearTimeout(interrupt);
        }
      })();
      return stopped;
    },
  };
}

/**
 * Waits until nothing is left in `underway` (or the deadline passes). A settled job has its end
 * recorded on the next turn of the event loop, so each round ends with one turn before looking
 * again.
 */
async function settle(underway: Set<Promise<unknown>>, deadline: number): Promise<void> {
  while (underway.size > 0 && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...underway]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, deadline - Date.now());
      }),
    ]);
    clearTimeout(timer);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Whether the workers keep the auto-sync schedule, read from the database (pg-boss's schedule
 * table), so that any process — an API-only one too — can tell. False where no worker ever ran.
 */
export function autoSyncScheduleProbe(database: DatabaseHandle): () => Promise<boolean> {
  const boss = createBoss(database, { supervise: false, schedule: false });
  return async () => {
    try {
      return (await boss.getSchedules()).some((schedule) => schedule.name === syncAllJob.name);
    } catch {
      return false; // pg-boss never created its tables here: no worker ever ran on this database
    }
  };
}
