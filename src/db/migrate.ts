import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder } from '../config/paths.ts';
import type { DatabaseHandle, Schema } from './client.ts';

/** Applies every pending drizzle-kit migration. Used at boot, in tests and in CI alike. */
export async function migrate(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
  } else {
    await migratePg(handle.db as unknown as NodePgDatabase<Schema>, { migrationsFolder });
  }
}

/** Number of migrations the code ships, from drizzle-kit's journal. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** True when the database has every migration the code ships. */
export async function migrationsApplied(handle: DatabaseHandle): Promise<boolean> {
  try {
    const { rows } = await handle.query('select count(*)::int as n from drizzle.__drizzle_migrations');
    return Number(rows[0]?.n) >= expectedMigrationCount();
  } catch {
    return false;
  }
}
