import type PgBoss from 'pg-boss';
import type { CalendarContext } from '../calendar/calendar-context.ts';
import type { SyncTrigger } from '../calendar/sync/sync-runs.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createBoss } from './boss.ts';
import { pushOutboxJob } from './push-outbox-job.ts';
import { renewChannelsJob } from './renew-channels-job.ts';
import { cronForInterval, syncAllJob } from './sync-all-job.ts';
import { syncConnectionJob } from './sync-connection-job.ts';

export interface JobQueueOptions {
  database: DatabaseHandle;
  calendar: CalendarContext;
  /** Run the handlers here (`all` and `worker` processes); API-only processes only send. */
  work: boolean;
  autoSync: { enabled: boolean; intervalSeconds: number };
  /** How often a worker looks for due outbox rows. */
  outboxPollMs?: number;
  pollingIntervalSeconds?: number;
}

/** What the rest of the application asks of the job system. */
export interface JobQueue {
  /** Queues a pull of one connection; while one is queued, more requests add nothing. */
  requestSync(connectionId: string, trigger: SyncTrigger): Promise<void>;
  /** Queues an outbox drain. */
  requestPush(): Promise<void>;
  readonly isWorking: boolean;
  readonly autoSync: { enabled: boolean; intervalSeconds: number };
  stop(): Promise<void>;
}

/**
 * pg-boss with our queues: `calendar.sync` (stately: one running and at most one waiting per
 * connection), `calendar.push` (the outbox), and the crons `calendar.sync-all` and
 * `calendar.renew-channels`, which pg-boss fires once cluster-wide. Workers also look at the
 * outbox every second and queue a drain when something is due, so a booking reaches the
 * calendars within about a second of its commit without any code sending jobs from inside a
 * transaction.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const boss: PgBoss = createBoss(options.database);
  boss.on('error', () => {
    // pg-boss reports transient polling failures here; they are retried by its own loop.
  });
  await boss.start();
  await boss.createQueue(syncConnectionJob.name, {
    name: syncConnectionJob.name,
    policy: 'stately',
    retryLimit: 3,
    retryBackoff: true,
  });
  await boss.createQueue(pushOutboxJob.name, { name: pushOutboxJob.name, policy: 'stately', retryLimit: 3 });
  await boss.createQueue(syncAllJob.name, { name: syncAllJob.name, policy: 'singleton' });
  await boss.createQueue(renewChannelsJob.name, { name: renewChannelsJob.name, policy: 'singleton' });

  const ctx = options.calendar;
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 };
  let poller: NodeJS.Timeout | undefined;
  const requestPush = async () => {
    await boss.send(pushOutboxJob.name, {}, { singletonKey: 'outbox' });
  };

  if (options.work) {
    await boss.work(syncConnectionJob.name, polling, async ([job]) =>
      syncConnectionJob.handle(ctx, job!.data),
    );
    await boss.work(pushOutboxJob.name, polling, async () => pushOutboxJob.handle(ctx));
    await boss.work(syncAllJob.name, polling, async () => syncAllJob.handle(ctx));
    await boss.work(renewChannelsJob.name, polling, async () => renewChannelsJob.handle(ctx));
    if (options.autoSync.enabled) {
      await boss.schedule(syncAllJob.name, cronForInterval(options.autoSync.intervalSeconds));
    } else {
      await boss.unschedule(syncAllJob.name);
    }
    await boss.schedule(renewChannelsJob.name, renewChannelsJob.cron);
    poller = setInterval(() => {
      void options.database
        .query(`select 1 from calendar_outbox where status = 'pending' and next_attempt_at <= now() limit 1`)
        .then(({ rows }) => (rows.length > 0 ? requestPush() : undefined))
        .catch(() => undefined);
    }, options.outboxPollMs ?? 1000);
    poller.unref();
  }

  return {
    requestSync: async (connectionId, trigger) => {
      await boss.send(syncConnectionJob.name, { connectionId, trigger }, { singletonKey: connectionId });
    },
    requestPush,
    isWorking: options.work,
    autoSync: options.autoSync,
    stop: async () => {
      if (poller) clearInterval(poller);
      // Graceful: in-flight jobs finish (or, past the timeout, go back to the queue for another worker).
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
