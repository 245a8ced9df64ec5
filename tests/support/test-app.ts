import { randomBytes } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import type { RetryOptions } from '../../src/calendar/retry.ts';
import { type AppConfig, loadConfig } from '../../src/config/index.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
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
  close: () => Promise<void>;
}

/** The real application on a fresh database, driven through `app.inject`. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    logger?: FastifyServerOptions['logger'];
    authRateLimitMax?: number;
    /** Backoff of calendar calls; by default retries happen without waiting. */
    calendarRetry?: RetryOptions;
  } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const database = await createTestDatabase();
  const app = await buildApp({
    config,
    database,
    logger: options.logger ?? false,
    authRateLimit: { max: options.authRateLimitMax ?? 1000, timeWindowMs: 60_000 },
    webRoot: '/nonexistent-web-build',
    calendarRetry: options.calendarRetry ?? { sleep: async () => {} },
  });
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
