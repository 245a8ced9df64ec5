import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { openDatabase } from '../../src/db/client.ts';
import { databaseOptionsFor } from '../../src/server/start.ts';
import { createPostgresDatabase, testDatabaseKind } from '../support/test-database.ts';

const configFor = (env: Record<string, string>) =>
  loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    DATABASE_URL: 'postgres://localhost/rendezvous',
    LOG_LEVEL: 'silent',
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...env,
  });

describe('how a process opens its database', () => {
  it('keeps idle connections a minute past the auto-sync period where the schedule runs', () => {
    expect(databaseOptionsFor(configFor({ AUTO_SYNC_INTERVAL: '300' })).idleTimeoutMillis).toBe(360_000);
    // The period the schedule keeps, not the interval asked for: 45 s runs every minute, and
    // 500 s every 10 minutes, which a timeout of 560 s would miss.
    expect(
      databaseOptionsFor(configFor({ AUTO_SYNC_INTERVAL: '45', PROCESS_ROLE: 'worker' })).idleTimeoutMillis,
    ).toBe(120_000);
    expect(databaseOptionsFor(configFor({ AUTO_SYNC_INTERVAL: '500' })).idleTimeoutMillis).toBe(660_000);
  });

  it('keeps them an hour at most, so a very long interval cannot overflow the pool’s timer', () => {
    expect(databaseOptionsFor(configFor({ AUTO_SYNC_INTERVAL: '86400' })).idleTimeoutMillis).toBe(3_600_000);
    expect(databaseOptionsFor(configFor({ AUTO_SYNC_INTERVAL: '3000000' })).idleTimeoutMillis).toBe(
      3_600_000,
    );
  });

  it('lets idle connections go soon in a process without the schedule', () => {
    expect(databaseOptionsFor(configFor({ PROCESS_ROLE: 'api' })).idleTimeoutMillis).toBeUndefined();
    expect(databaseOptionsFor(configFor({ AUTO_SYNC_ENABLED: 'false' })).idleTimeoutMillis).toBeUndefined();
  });
});

/**
 * Both pools of a PostgreSQL database (queries, and the named locks) close a connection once it
 * has been idle for `idleTimeoutMillis`, and not before. Counted from the server's side.
 */
describe.runIf(testDatabaseKind() === 'postgres')('idle connections on PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  let observer: pg.Client;

  beforeAll(async () => {
    ({ url, drop } = await createPostgresDatabase());
    observer = new pg.Client({ connectionString: url });
    await observer.connect();
  });
  afterAll(async () => {
    await observer?.end();
    await drop?.();
  });

  /** Connections to this test's database besides the observer's own. */
  const openConnections = async () =>
    (
      await observer.query<{ count: number }>(
        `select count(*)::int as count from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid()`,
      )
    ).rows[0]!.count;

  /** Opens the database, uses a query connection and a lock connection, and lets both go idle. */
  async function useBothPools(idleTimeoutMillis: number | undefined) {
    const database = await openDatabase({ databaseUrl: url, dataDir: 'unused', idleTimeoutMillis });
    await database.query('select 1');
    const release = await database.locks.tryLock('idle-test');
    expect(release).not.toBeNull();
    await release!();
    return database;
  }

  it('closes both pools’ connections after the idle time given', async () => {
    const database = await useBothPools(150);
    try {
      expect(await openConnections()).toBe(2);
      await expect.poll(openConnections, { timeout: 5_000, interval: 50 }).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('keeps them open for a worker between its cycles', async () => {
    const worker = databaseOptionsFor(configFor({ DATABASE_URL: url, AUTO_SYNC_INTERVAL: '10' }));
    const database = await useBothPools(worker.idleTimeoutMillis);
    try {
      await sleep(600);
      expect(await openConnections()).toBe(2);
    } finally {
      await database.close();
    }
    await expect.poll(openConnections, { timeout: 5_000, interval: 50 }).toBe(0);
  });
});
