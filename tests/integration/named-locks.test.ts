import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { findPgError } from '../../src/server/http-errors.ts';
import { createTestDatabase } from '../support/test-database.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.exec('create table lock_log (note text not null)');
});
afterAll(() => database.close());

const notes = async () =>
  (await database.query('select note from lock_log order by note')).rows.map((row) => row.note);

describe('named locks', () => {
  it('are held by one taker at a time', async () => {
    const release = await database.locks.tryLock('exclusive');
    expect(release).not.toBeNull();
    expect(await database.locks.tryLock('exclusive')).toBeNull();
    const another = await database.locks.tryLock('another');
    expect(another).not.toBeNull();
    await another!();
    await release!();
    const again = await database.locks.tryLock('exclusive');
    expect(again).not.toBeNull();
    await again!();
  });

  it('run the last writes given to the release, with it', async () => {
    const release = await database.locks.tryLock('with-writes');
    await release!([
      sql`insert into lock_log (note) values (${'first'})`,
      sql`insert into lock_log (note) values (${'second'})`,
    ]);
    expect(await notes()).toEqual(['first', 'second']);
    const again = await database.locks.tryLock('with-writes');
    expect(again).not.toBeNull();
    await again!();
  });

  it('are given back when the last writes fail, which write nothing and throw', async () => {
    await database.exec('delete from lock_log');
    const release = await database.locks.tryLock('failing-writes');
    const failure = await release!([
      sql`insert into lock_log (note) values (${'kept?'})`,
      sql`insert into lock_log (note) values (null)`,
    ]).catch((error: unknown) => error);
    expect(findPgError(failure)?.code).toBe('23502'); // not_null_violation
    expect(await notes()).toEqual([]);
    const again = await database.locks.tryLock('failing-writes');
    expect(again).not.toBeNull();
    await again!();
  });
});
