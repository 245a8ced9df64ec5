import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoss } from '../../src/jobs/boss.ts';
import { type JobLog, startJobQueue } from '../../src/jobs/job-queue.ts';
import { syncAllJob } from '../../src/jobs/sync-all-job.ts';
import { signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * AUTO_SYNC_INTERVAL=5400 (90 minutes), which no cron keeps evenly: it used to become a step of
 * 59 minutes, firing at :00 and :59 — twice an hour — while the page said "every 90 minutes".
 * The schedule now runs at the nearest period cron keeps (every hour), the worker says so when
 * it starts, and the page and the API report that period, not the one configured.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { AUTO_SYNC_INTERVAL: '5400' } });
});
afterAll(() => t?.close());

describe('an auto-sync interval that cron cannot keep evenly', () => {
  it('is scheduled at the nearest period cron keeps, with a warning naming it at start', async () => {
    const warnings: { details: object; message: string }[] = [];
    const log: JobLog = {
      debug: () => {},
      error: () => {},
      warn: (details, message) => warnings.push({ details, message }),
    };
    const worker = await startJobQueue({
      database: t.database,
      calendar: t.calendar,
      work: true,
      autoSync: { enabled: true, intervalSeconds: t.config.AUTO_SYNC_INTERVAL },
      log,
    });
    try {
      const schedules = await createBoss(t.database, { supervise: false, schedule: false }).getSchedules();
      expect(schedules.find((s) => s.name === syncAllJob.name)?.cron).toBe('0 * * * *');
      expect(warnings).toEqual([
        {
          details: { configuredSeconds: 5400, periodSeconds: 3600, cron: '0 * * * *' },
          message:
            'AUTO_SYNC_INTERVAL=5400 is not a period a cron schedule keeps evenly: auto-sync runs every 1 hour instead',
        },
      ]);
    } finally {
      await worker.stop();
    }
  });

  it('is reported to the practice as the period actually kept', async () => {
    const owner = await signUpOwner(t.app);
    const status = (await owner.client.get('/api/calendar/status')).json().data;
    expect(status.auto_sync.interval_seconds).toBe(3600);
    const autoSync = (await owner.client.get('/api/calendar/auto-sync/status')).json().data;
    expect(autoSync.interval_seconds).toBe(3600);
  });

  it('starts without a warning when the interval is one cron keeps', async () => {
    const warnings: string[] = [];
    const worker = await startJobQueue({
      database: t.database,
      calendar: t.calendar,
      work: true,
      autoSync: { enabled: true, intervalSeconds: 1800 },
      log: { debug: () => {}, error: () => {}, warn: (_details, message) => warnings.push(message) },
    });
    try {
      const schedules = await createBoss(t.database, { supervise: false, schedule: false }).getSchedules();
      expect(schedules.find((s) => s.name === syncAllJob.name)?.cron).toBe('*/30 * * * *');
      expect(warnings).toEqual([]);
    } finally {
      await worker.stop();
    }
  });
});
