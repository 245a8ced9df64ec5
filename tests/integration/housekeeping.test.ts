import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import {
  appointmentEvents,
  calendarConnections,
  calendarOutbox,
  lagoWebhookReceipts,
  organizations,
  sessions,
  syncRuns,
  users,
  verifications,
} from '../../src/db/schema/index.ts';
import { pruneHistory, retention } from '../../src/services/housekeeping/prune-history.ts';
import { createTestDatabase } from '../support/test-database.ts';

/**
 * Daily housekeeping: history that only serves for a while (sync runs, carried pushes, applied
 * webhooks, expired sessions) goes after its retention; what a practice owns, or still needs,
 * stays whatever its age.
 */
describe('pruning history past its retention', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  const now = new Date('2031-06-15T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const ids = <T extends { id: unknown }>(rows: T[]) => rows.map((r) => r.id).sort();

  it('deletes what is past its retention, and keeps the rest', async () => {
    const tenantId = randomUUID();
    const userId = randomUUID();
    await database.db.insert(organizations).values({ id: tenantId, name: 'Practice', slug: `p-${tenantId}` });
    await database.db.insert(users).values({ id: userId, name: 'Dr Who', email: `${userId}@example.com` });
    const [busy, quiet] = await database.db
      .insert(calendarConnections)
      .values([
        { tenantId, userId, provider: 'google', calendarId: 'busy' },
        { tenantId, userId, provider: 'google', calendarId: 'quiet', status: 'expired' },
      ])
      .returning();

    const run = (connectionId: string | null, startedAt: Date) => ({
      tenantId,
      connectionId,
      trigger: 'cron' as const,
      status: 'succeeded' as const,
      startedAt,
      finishedAt: startedAt,
    });
    const runs = await database.db
      .insert(syncRuns)
      .values([
        run(busy!.id, daysAgo(45)), // old, a later run exists: goes
        run(busy!.id, daysAgo(31)), // old, a later run exists: goes
        run(busy!.id, daysAgo(2)), // recent: stays
        run(quiet!.id, daysAgo(90)), // old, but the connection's last: stays
        run(null, daysAgo(60)), // old, of a connection since removed: goes
      ])
      .returning();

    const push = (status: 'done' | 'pending' | 'failed' | 'parked', processedAt: Date | null) => ({
      tenantId,
      connectionId: busy!.id,
      appointmentId: randomUUID(),
      operation: 'upsert' as const,
      status,
      processedAt,
      createdAt: daysAgo(30),
    });
    const pushes = await database.db
      .insert(calendarOutbox)
      .values([
        push('done', daysAgo(8)), // carried long ago: goes
        push('done', daysAgo(1)), // carried yesterday: stays
        push('failed', daysAgo(20)), // refused: stays until dealt with
        push('pending', null),
        push('parked', null),
      ])
      .returning();

    await database.db.insert(lagoWebhookReceipts).values([
      { uniqueKey: `old-${tenantId}`, webhookType: 'invoice.created', receivedAt: daysAgo(91) },
      { uniqueKey: `new-${tenantId}`, webhookType: 'invoice.created', receivedAt: daysAgo(10) },
    ]);
    await database.db.insert(sessions).values([
      { id: `gone-${tenantId}`, token: randomUUID(), userId, expiresAt: daysAgo(2) },
      { id: `live-${tenantId}`, token: randomUUID(), userId, expiresAt: daysAgo(-5) },
    ]);
    await database.db.insert(verifications).values([
      { id: `gone-${tenantId}`, identifier: 'x', value: 'y', expiresAt: daysAgo(3) },
      { id: `live-${tenantId}`, identifier: 'x', value: 'y', expiresAt: daysAgo(-1) },
    ]);
    // The audit trail is the practice's: never pruned, however old.
    await database.db.insert(appointmentEvents).values({
      tenantId,
      appointmentId: randomUUID(),
      actorType: 'system',
      action: 'created',
      createdAt: daysAgo(4000),
    });

    const result = await pruneHistory(database.db, now);
    expect(result).toMatchObject({
      syncRuns: 3,
      doneOutbox: 1,
      webhookReceipts: 1,
      sessions: 1,
      verifications: 1,
    });

    const keptRuns = await database.db.select({ id: syncRuns.id }).from(syncRuns);
    expect(ids(keptRuns)).toEqual(ids([runs[2]!, runs[3]!]));
    const keptPushes = await database.db.select({ id: calendarOutbox.id }).from(calendarOutbox);
    expect(ids(keptPushes)).toEqual(ids(pushes.slice(1)));
    expect((await database.db.select().from(lagoWebhookReceipts)).map((r) => r.uniqueKey)).toEqual([
      `new-${tenantId}`,
    ]);
    expect((await database.db.select({ id: sessions.id }).from(sessions)).map((r) => r.id)).toEqual([
      `live-${tenantId}`,
    ]);
    expect((await database.db.select({ id: verifications.id }).from(verifications)).map((r) => r.id)).toEqual(
      [`live-${tenantId}`],
    );
    expect(await database.db.select().from(appointmentEvents)).toHaveLength(1);

    // A second run finds nothing more to do.
    expect(await pruneHistory(database.db, now)).toEqual({
      syncRuns: 0,
      doneOutbox: 0,
      webhookReceipts: 0,
      sessions: 0,
      verifications: 0,
    });
  });

  it('deletes in batches, however many rows are due', async () => {
    const tenantId = randomUUID();
    await database.db.insert(organizations).values({ id: tenantId, name: 'Busy', slug: `b-${tenantId}` });
    // More than one batch (5,000) of runs of removed connections, all past the retention.
    const old = daysAgo(retention.syncRunsDays + 1);
    const rows = Array.from({ length: 5_200 }, () => ({
      tenantId,
      connectionId: null,
      trigger: 'cron' as const,
      startedAt: old,
    }));
    for (let i = 0; i < rows.length; i += 1000)
      await database.db.insert(syncRuns).values(rows.slice(i, i + 1000));
    expect((await pruneHistory(database.db, now)).syncRuns).toBe(5_200);
    expect(await database.db.select({ id: syncRuns.id }).from(syncRuns)).toHaveLength(2);
  });
});
