import { randomBytes } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import { createBillingContext } from '../../src/billing/billing-context.ts';
import { type CalendarContext, createCalendarContext } from '../../src/calendar/calendar-context.ts';
import type { RetryOptions } from '../../src/calendar/retry.ts';
import { type AppConfig, loadConfig } from '../../src/config/index.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { type JobQueue, type JobQueueOptions, startJobQueue } from '../../src/jobs/job-queue.ts';
import { type App, buildApp } from '../../src/server/app.ts';
import { createTestDatabase } from './test-database.ts';

export const testPublicUrl = 'http://localhost:3000';

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: testPublicUrl,
    DATA_DIR: 'memory://',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUTO_SYNC_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  config: AppConfig;
  /** The calendar context the app (and its workers, if any) use. */
  calendar: CalendarContext;
  /** Present when the test asked for job workers. */
  jobs?: JobQueue;
  close: () => Promise<void>;
}

export type TestJobOptions = Partial<
  Pick<JobQueueOptions, 'work' | 'autoSync' | 'outboxPollMs' | 'pollingIntervalSeconds' | 'shutdownGraceMs'>
>;

/** The real application on a fresh database, driven through `app.inject`. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    logger?: FastifyServerOptions['logger'];
    authRateLimitMax?: number;
    /** Backoff of calendar calls; by default retries happen without waiting. */
    calendarRetry?: RetryOptions;
    /** Start pg-boss workers in-process as `npm start` does; most tests do without. */
    jobs?: TestJobOptions | true;
    /** A database to use instead of a fresh one (migrated here; closed with the app). */
    database?: DatabaseHandle;
    /** How long staff's answers wait for Lago after a change (billing-context.ts). */
    lagoAfterCommitWaitMs?: number;
  } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const database = options.database ?? (await createTestDatabase());
  if (options.database) await migrate(options.database);
  const calendar = createCalendarContext(
    database.db,
    config,
    options.calendarRetry ?? { sleep: async () => {} },
  );
  const jobOptions = options.jobs === true ? {} : options.jobs;
  const jobs = jobOptions
    ? await startJobQueue({
        database,
        calendar,
        work: true,
        autoSync: { enabled: false, intervalSeconds: config.AUTO_SYNC_INTERVAL },
        outboxPollMs: 100,
        pollingIntervalSeconds: 0.5,
        ...jobOptions,
      })
    : undefined;
  const app = await buildApp({
    config,
    database,
    logger: options.logger ?? false,
    authRateLimit: { max: options.authRateLimitMax ?? 1000, timeWindowMs: 60_000 },
    webRoot: '/nonexistent-web-build',
    calendar,
    jobs,
    billing:
      options.lagoAfterCommitWaitMs === undefined
        ? undefined
        : createBillingContext(database.db, config, { afterCommitWaitMs: options.lagoAfterCommitWaitMs }),
  });
  return {
    app,
    database,
    config,
    calendar,
    jobs,
    close: async () => {
      await app.close();
      await jobs?.stop();
      await database.close();
    },
  };
}
