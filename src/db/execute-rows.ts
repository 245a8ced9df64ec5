import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';

/**
 * `db.execute(statement)` answering its rows. node-postgres and PGlite both answer `{ rows }`,
 * but Drizzle types the result per driver; the row type is the caller's to state, as the
 * statement's own `select` list decides it.
 */
export async function executeRows<Row>(db: Executor, statement: SQL): Promise<Row[]> {
  const result = await db.execute(statement);
  return (result as unknown as { rows: Row[] }).rows;
}
