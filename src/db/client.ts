import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
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
  close: () => Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; when absent, an embedded PGlite database lives in `dataDir`. */
  databaseUrl?: string;
  /** Folder for PGlite; `memory://` keeps it in memory (tests). */
  dataDir: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    // An idle client that loses its connection emits here; without a listener it would crash the process.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      query: async (text, values) => ({ rows: (await pool.query(text, values as unknown[])).rows }),
      exec: async (text) => {
        await pool.query(text);
      },
      execMany: async (text) => {
        const result = (await pool.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
        const last = Array.isArray(result) ? result[result.length - 1] : result;
        return { rows: last?.rows ?? [] };
      },
      close: () => pool.end(),
    };
  }
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir, { extensions: { btree_gist } });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    query: async (text, values) => ({
      rows: (await client.query<Record<string, unknown>>(text, values as unknown[])).rows,
    }),
    exec: async (text) => {
      await client.exec(text);
    },
    execMany: async (text) => {
      const results = await client.exec(text);
      return { rows: (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[] };
    },
    close: () => client.close(),
  };
}
