import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { is, type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg, NodePgDatabase } from 'drizzle-orm/node-postgres';
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { PreparingClient } from './preparing-client.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type the code uses: Drizzle over PGlite and over node-postgres alike. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database or a transaction: operations accept either, so callers choose the boundary. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Raw SQL with parameters, for pg-boss and health checks. */
  query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  /** Multi-statement SQL without parameters (pg-boss creates its schema this way). */
  exec: (text: string) => Promise<void>;
  /** As `exec`, answering the rows of the last statement (pg-boss reads them). */
  execMany: (text: string) => Promise<{ rows: Record<string, unknown>[] }>;
  /** Named locks shared by every process on this database (see `NamedLocks`). */
  locks: NamedLocks;
  close: () => Promise<void>;
}

/**
 * Gives a lock back. `lastWrites` — data-modifying statements without a WITH clause of their
 * own — are run first, in the same statement as the release: a run that ends by recording its
 * outcome needs no round trip of its own to let go. Should they fail, the lock is still given
 * back and their error thrown. The release takes effect as the statement runs, a moment before
 * its writes commit: a holder that reads right after taking the lock may see the state just
 * before them (the sync tolerates that: an older cursor only makes it re-read changes it skips).
 */
export type ReleaseLock = (lastWrites?: SQL[]) => Promise<void>;

/** `writes` as one statement: each a data-modifying CTE, then `select` (PostgreSQL runs them all). */
export function writesInOneStatement(writes: SQL[], select: SQL = sql`1`): SQL {
  if (writes.length === 0) return sql`select ${select}`;
  const parts = writes.map((write, i) => sql`${sql.raw(`w${i}`)} as (${write})`);
  return sql`with ${sql.join(parts, sql`, `)} select ${select}`;
}

/**
 * Named mutual exclusion across every process using one database, without waiting: `tryLock`
 * answers a release function, or null when someone else holds the lock. A process that dies
 * loses its locks at once — on PostgreSQL they are session advisory locks, which the server
 * drops with the connection; a PGlite database belongs to one process, so an in-process set is
 * the whole truth there.
 */
export interface NamedLocks {
  tryLock: (name: string) => Promise<ReleaseLock | null>;
}

/** Locks of one process (PGlite, and any database not opened by `openDatabase`). */
export function inProcessLocks(db: Executor): NamedLocks {
  const held = new Set<string>();
  return {
    tryLock: async (name) => {
      if (held.has(name)) return null;
      held.add(name);
      return async (lastWrites = []) => {
        try {
          if (lastWrites.length > 0) await db.execute(writesInOneStatement(lastWrites));
        } finally {
          held.delete(name);
        }
      };
    },
  };
}

/** The advisory-lock namespace of Rendezvous (the two-key form: this, then a hash of the name). */
const lockNamespace = 0x52445a56;

/**
 * Session advisory locks, each held on its own connection from a small pool kept apart from
 * the query pool, so that lock holders never starve the queries they are about to run.
 */
function advisoryLocks(
  connectionString: string,
  max: number,
  idleTimeoutMillis: number,
  Client: typeof pg.Client,
): { locks: NamedLocks; close: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis, Client });
  pool.on('error', () => {});
  return {
    locks: {
      tryLock: async (name) => {
        const client = await pool.connect();
        try {
          const { rows } = await client.query<{ locked: boolean }>({
            text: 'select pg_try_advisory_lock($1::int, hashtext($2)) as locked',
            values: [lockNamespace, name],
          });
          if (!rows[0]?.locked) {
            client.release();
            return null;
          }
        } catch (error) {
          client.release(error as Error);
          throw error;
        }
        let released = false;
        const unlock = sql`pg_advisory_unlock(${lockNamespace}::int, hashtext(${name}))`;
        return async (lastWrites = []) => {
          if (released) return;
          released = true;
          let failure: unknown;
          try {
            if (lastWrites.length > 0) {
              try {
                await client.query(toQuery(writesInOneStatement(lastWrites, unlock)));
                client.release();
                return;
              } catch (error) {
                // The statement failed as a whole, the release with it; give the lock back alone.
                failure = error;
              }
            }
            await client.query(toQuery(sql`select ${unlock}`));
            client.release();
          } catch (error) {
            // A broken connection has dropped the lock with it; do not reuse it.
            client.release(error as Error);
          }
          if (failure) throw failure;
        };
      },
    },
    close: () => pool.end(),
  };
}

const dialect = new PgDialect();
/** A Drizzle SQL fragment as node-postgres's text and values. */
const toQuery = (statement: SQL) => {
  const query = dialect.sqlToQuery(statement);
  return { text: query.sql, values: query.params };
};

/** The named locks of the database a Drizzle handle belongs to. */
const locksByDatabase = new WeakMap<object, NamedLocks>();

export function namedLocksFor(db: Database): NamedLocks {
  let locks = locksByDatabase.get(db);
  if (!locks) {
    locks = inProcessLocks(db);
    locksByDatabase.set(db, locks);
  }
  return locks;
}

/**
 * Whether statements sent together through `db` run at the same time on the server: a
 * node-postgres pool gives each its own connection; PGlite has one connection, and a
 * transaction is one connection too.
 */
export function runsSideBySide(db: Executor): boolean {
  return is(db, NodePgDatabase);
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent, an embedded PGlite database lives in `dataDir`. */
  databaseUrl?: string;
  /** Folder for PGlite; `memory://` keeps it in memory (tests). */
  dataDir: string;
  poolSize?: number;
  /**
   * PostgreSQL: how long a pooled connection may sit idle before it is closed (default 10 s).
   * A worker keeps its connections across auto-sync cycles (see `databaseOptionsFor`): a new
   * connection costs the server a process and cold caches.
   */
  idleTimeoutMillis?: number;
  /**
   * PostgreSQL: prepare statements once per connection (default; see preparing-client.ts). Off
   * for a proxy that does not keep them across statements, or to rule them out when
   * investigating a slow query (a prepared statement may run a generic plan).
   */
  preparedStatements?: boolean;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const Client = options.preparedStatements === false ? pg.Client : PreparingClient;
    const idleTimeoutMillis = options.idleTimeoutMillis ?? 10_000;
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      idleTimeoutMillis,
      Client,
    });
    // An idle client that loses its connection emits here; without a listener it would crash the process.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    const lockPool = advisoryLocks(options.databaseUrl, 16, idleTimeoutMillis, Client);
    locksByDatabase.set(db, lockPool.locks);
    return {
      db,
      kind: 'postgres',
      locks: lockPool.locks,
      query: async (text, values) => ({ rows: (await pool.query(text, values as unknown[])).rows }),
      exec: async (text) => {
        await pool.query(text);
      },
      execMany: async (text) => {
        const result = (await pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
        const last = Array.isArray(result) ? result[result.length - 1] : result;
        return { rows: last?.rows ?? [] };
      },
      close: async () => {
        await lockPool.close();
        await pool.end();
      },
    };
  }
  let unlock = () => {};
  if (!options.dataDir.startsWith('memory://')) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(options.dataDir, { extensions: { btree_gist } });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  const locks = inProcessLocks(db);
  locksByDatabase.set(db, locks);
  return {
    db,
    kind: 'pglite',
    locks,
    query: async (text, values) => ({
      rows: (await client.query<Record<string, unknown>>(text, values as unknown[])).rows,
    }),
    exec: async (text) => {
      await client.exec(text);
    },
    execMany: async (text) => {
      // pg-boss wraps maintenance in `BEGIN; …; COMMIT;`. Sent as is, a failure half-way would
      // leave PGlite's only connection inside an aborted transaction, refusing every later
      // query; run as a PGlite transaction instead, a failure rolls back before anyone else runs.
      const wrapped = /^\s*BEGIN;([\s\S]*);\s*COMMIT;\s*$/i.exec(text);
      const results = wrapped
        ? await client.transaction((tx) => tx.exec(wrapped[1]!))
        : await client.exec(text);
      return { rows: (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[] };
    },
    close: async () => {
      await client.close();
      unlock();
    },
  };
}
