import pino from 'pino';
import { createBillingContext } from '../billing/billing-context.ts';
import { createCalendarContext } from '../calendar/calendar-context.ts';
import type { AppConfig } from '../config/index.ts';
import { type DatabaseHandle, type DatabaseOptions, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { type JobQueue, startJobQueue } from '../jobs/job-queue.ts';
import { autoSyncSchedule } from '../jobs/sync-all-job.ts';
import type { App } from './app.ts';
import { loggerOptions } from './logger-options.ts';

export interface RunningRendezvous {
  app: App | null;
  jobs: JobQueue;
  database: DatabaseHandle;
  stop: () => Promise<void>;
}

/** The longest a scheduling process keeps an idle database connection (see below). */
const maxScheduleIdleMillis = 3_600_000;

/**
 * How this process opens its database. A process that runs the auto-sync schedule keeps its idle
 * PostgreSQL connections a minute longer than the schedule's period: otherwise every cycle,
 * minutes after the last, would find its pools emptied and open two dozen connections afresh —
 * on the server a new process each, with its caches and prepared statements cold (a cycle over
 * 1,000 calendars cost the database about a third more time: bench/sync-fleet.ts). At most an
 * hour: cycles further apart gain little from warm connections, and a timer past 2^31 - 1 ms
 * would fire at once (Node's setTimeout), closing every idle connection immediately.
 */
export function databaseOptionsFor(config: AppConfig): DatabaseOptions {
  const runsSchedule = config.PROCESS_ROLE !== 'api' && config.AUTO_SYNC_ENABLED;
  return {
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
    ...(runsSchedule
      ? {
          idleTimeoutMillis: Math.min(
            (autoSyncSchedule(config.AUTO_SYNC_INTERVAL).periodSeconds + 60) * 1000,
            maxScheduleIdleMillis,
          ),
        }
      : {}),
  };
}

/**
 * Starts what PROCESS_ROLE asks for on one database: `all` (the default) serves HTTP and runs
 * the job workers; `api` serves HTTP and only sends jobs; `worker` runs jobs and serves nothing
 * (nor loads the HTTP application, so workers start fast). Stopping closes the HTTP server
 * (in-flight requests finish), then lets running jobs finish or hands them back to the queue,
 * then closes the database.
 */
export async function startRendezvous(
  config: AppConfig,
  options: { database?: DatabaseHandle } = {},
): Promise<RunningRendezvous> {
  const database = options.database ?? (await openDatabase(databaseOptionsFor(config)));
  await migrate(database);
  const calendar = createCalendarContext(database.db, config);
  const billing = createBillingContext(database.db, config);
  const log = pino(loggerOptions(config.LOG_LEVEL) as pino.LoggerOptions).child({ component: 'jobs' });
  const jobs = await startJobQueue({
    database,
    calendar,
    billing,
    work: config.PROCESS_ROLE !== 'api',
    autoSync: { enabled: config.AUTO_SYNC_ENABLED, intervalSeconds: config.AUTO_SYNC_INTERVAL },
    log,
  });
  let app: App | null = null;
  if (config.PROCESS_ROLE !== 'worker') {
    const { buildApp } = await import('./app.ts');
    app = await buildApp({
      config,
      database,
      calendar,
      billing,
      jobs,
      logger: loggerOptions(config.LOG_LEVEL),
    });
    await app.listen({ port: config.PORT, host: config.HOST });
  }
  return {
    app,
    jobs,
    database,
    stop: async () => {
      await app?.close();
      await jobs.stop();
      await database.close();
    },
  };
}
