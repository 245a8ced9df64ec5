import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { readTogether } from '../../src/db/read-together.ts';
import { createTestDatabase } from '../support/test-database.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** Reads that log when they start and end, the first slower than the second. */
function loggedReads(db: Parameters<typeof readTogether>[0], log: string[]) {
  const read = (name: string, seconds: number) => async () => {
    log.push(`${name} starts`);
    const result = await db.execute(sql`select pg_sleep(${seconds}), ${name}::text as name`);
    log.push(`${name} ends`);
    return (result as unknown as { rows: { name: string }[] }).rows[0]!.name;
  };
  return [read('slow', 0.05), read('quick', 0)] as const;
}

describe('readTogether', () => {
  it('runs the reads side by side outside a transaction, answering in the order given', async () => {
    const log: string[] = [];
    expect(await readTogether(database.db, loggedReads(database.db, log))).toEqual(['slow', 'quick']);
    expect(log.slice(0, 2)).toEqual(['slow starts', 'quick starts']);
  });

  it('runs them one after the other in a transaction, whose one connection answers one at a time', async () => {
    const log: string[] = [];
    const names = await database.db.transaction((tx) => readTogether(tx, loggedReads(tx, log)));
    expect(names).toEqual(['slow', 'quick']);
    expect(log).toEqual(['slow starts', 'slow ends', 'quick starts', 'quick ends']);
  });
});
