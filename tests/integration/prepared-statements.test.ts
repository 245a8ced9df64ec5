import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkInsert } from '../../src/db/bulk-insert.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { organizations } from '../../src/db/schema/index.ts';
import { createPostgresDatabase, testDatabaseKind } from '../support/test-database.ts';

/**
 * The PostgreSQL client prepares the ORM's statements once per connection (src/db/
 * preparing-client.ts). One connection in the pool, so that every statement of a test meets
 * what the previous ones prepared. PGlite has no such client: this file runs on PostgreSQL only.
 */
describe.runIf(testDatabaseKind() === 'postgres')('prepared statements on PostgreSQL', () => {
  let database: DatabaseHandle;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createPostgresDatabase();
    drop = created.drop;
    database = await openDatabase({ databaseUrl: created.url, dataDir: 'unused', poolSize: 1 });
    await migrate(database);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const poolOf = (handle: DatabaseHandle) => (handle.db as unknown as { $client: pg.Pool }).$client;
  const pool = () => poolOf(database);
  const prepared = async (client: pg.PoolClient) =>
    (
      await client.query<{ statement: string; runs: number }>(
        'select statement, (generic_plans + custom_plans)::int as runs from pg_prepared_statements',
      )
    ).rows;

  it('prepares an ORM statement once and runs it again without parsing it anew', async () => {
    const tenantId = randomUUID();
    await database.db.insert(organizations).values({ id: tenantId, name: 'Prepared', slug: `p-${tenantId}` });
    const read = () =>
      database.db
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, tenantId));
    expect(await read()).toEqual([{ name: 'Prepared' }]);
    expect(await read()).toEqual([{ name: 'Prepared' }]);
    expect(await read()).toEqual([{ name: 'Prepared' }]);

    const client = await pool().connect();
    try {
      const select = (await prepared(client)).filter((s) =>
        s.statement.startsWith('select "name" from "organizations"'),
      );
      expect(select).toEqual([{ statement: expect.any(String), runs: 3 }]);
    } finally {
      client.release();
    }
  });

  it('leaves plain-text queries (pg-boss) and queries without parameters unnamed', async () => {
    const client = await pool().connect();
    try {
      expect((await client.query('select $1::int + 40 as n', [2])).rows).toEqual([{ n: 42 }]);
      expect((await client.query({ text: 'select 41 + 1 as n' })).rows).toEqual([{ n: 42 }]);
      expect((await client.query({ text: 'select $1::int + 39 as n', values: [3] })).rows).toEqual([
        { n: 42 },
      ]);
      const texts = (await prepared(client)).map((s) => s.statement);
      expect(texts).toContain('select $1::int + 39 as n');
      expect(texts).not.toContain('select $1::int + 40 as n');
      expect(texts).not.toContain('select 41 + 1 as n');
    } finally {
      client.release();
    }
  });

  it('keeps bulk inserts working after a newer release adds a column to their table', async () => {
    const row = () => {
      const id = randomUUID();
      return { id, name: 'Bulk', slug: `b-${id}` };
    };
    const first = row();
    expect((await bulkInsert(database.db, organizations, [first]))[0]).toMatchObject(first);
    await database.db.execute(sql`alter table organizations add column added_later text`);
    const second = row();
    expect((await bulkInsert(database.db, organizations, [second]))[0]).toMatchObject(second);
  });

  it('prepares nothing when turned off (DATABASE_PREPARED_STATEMENTS=false)', async () => {
    const { url, drop: dropOther } = await createPostgresDatabase();
    const plain = await openDatabase({
      databaseUrl: url,
      dataDir: 'unused',
      poolSize: 1,
      preparedStatements: false,
    });
    try {
      await migrate(plain);
      const id = randomUUID();
      await plain.db.insert(organizations).values({ id, name: 'Plain', slug: `plain-${id}` });
      const read = () =>
        plain.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
      expect(await read()).toEqual([{ name: 'Plain' }]);
      expect(await read()).toEqual([{ name: 'Plain' }]);
      const client = await poolOf(plain).connect();
      try {
        expect(await prepared(client)).toEqual([]);
      } finally {
        client.release();
      }
    } finally {
      await plain.close();
      await dropOther();
    }
  });

  // Last: it fills the connection's quota, after which nothing more is prepared.
  it('keeps at most 500 statements per connection and still answers every query beyond them', async () => {
    const client = await pool().connect();
    try {
      for (let i = 0; i < 520; i++) {
        const { rows } = await client.query({ text: `select $1::int + ${i} as n`, values: [1] });
        expect(rows).toEqual([{ n: i + 1 }]);
      }
      expect((await prepared(client)).length).toBe(500);
    } finally {
      client.release();
    }
  });
});
