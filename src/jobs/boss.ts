import PgBoss from 'pg-boss';
import type { DatabaseHandle } from '../db/client.ts';

/**
 * pg-boss on our own database connection. On PostgreSQL it shares nothing special; on PGlite it
 * goes through the `db` adapter (DESIGN §2): text with parameters is a query, multi-statement
 * text without them (pg-boss creating its schema) is an exec. PGlite is one connection, so a
 * job is never sent from inside a transaction: the outbox is written in the transaction and
 * drained after it commits.
 */
export function createBoss(
  database: DatabaseHandle,
  options: PgBoss.ConstructorOptions = {},
  /** Where to keep pg-boss's statements while they run, for a shutdown to wait for them. */
  underway?: Set<Promise<unknown>>,
): PgBoss {
  const run = (text: string, values?: unknown[]) => {
    if (values && values.length > 0) return database.query(text, values);
    if (database.kind === 'postgres') return database.query(text);
    return database.execMany(text);
  };
  const db: PgBoss.Db = {
    executeSql: (text, values) =>
      underway ? keepWhileRunning(underway, run(text, values)) : run(text, values),
  };
  return new PgBoss({ db, schema: 'pgboss', supervise: true, schedule: true, ...options });
}

/** Keeps `work` in `underway` until it settles, for a shutdown to wait for it; answers `work`. */
export function keepWhileRunning<T>(underway: Set<Promise<unknown>>, work: Promise<T>): Promise<T> {
  underway.add(work);
  const forget = () => underway.delete(work);
  void work.then(forget, forget);
  return work;
}
