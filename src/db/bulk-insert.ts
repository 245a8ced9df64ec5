import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';
import { executeRows } from './execute-rows.ts';

/**
 * `insert into <table> (...) select ... from <rows>` for many rows with one parameter: the rows
 * travel as a JSON array that PostgreSQL unpacks with jsonb_to_recordset. Building a multi-row
 * VALUES list with thousands of bound parameters costs more in the ORM than the database spends
 * inserting (measured by bench/sync.ts). Every row must carry the same keys; columns left out
 * take their defaults. `tail` follows the select (`on conflict …`, `returning …`). The text can
 * stand alone or be one part of a larger statement (see `writeTogether`).
 */
export function insertRowsSql<T extends PgTable>(table: T, rows: T['$inferInsert'][], tail?: SQL): SQL {
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0] ?? {}).filter((key) => key in columns);
  const names = keys.map((key) => columns[key]!.name);
  const json = JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        keys.map((key, i) => {
          const value = (row as Record<string, unknown>)[key];
          return [names[i], value instanceof Date ? value.toISOString() : value];
        }),
      ),
    ),
  );
  const quoted = names.map((n) => `"${n}"`).join(', ');
  const recordType = keys.map((key, i) => `"${names[i]}" ${columns[key]!.getSQLType()}`).join(', ');
  return sql`insert into ${sql.identifier(getTableName(table))} (${sql.raw(quoted)}) select ${sql.raw(quoted)} from jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(recordType)})${tail ? sql` ${tail}` : sql``}`;
}

/**
 * Runs data-modifying statements (inserts, updates, deletes without `returning`) as ONE
 * statement, each a data-modifying CTE: one round trip, and all of them or none — a failure
 * of any rolls back every one, without a transaction around them. They must not touch the
 * same row twice (PostgreSQL runs them on one snapshot).
 */
export async function writeTogether(db: Executor, statements: SQL[]): Promise<void> {
  if (statements.length === 0) return;
  if (statements.length === 1) {
    await db.execute(statements[0]!);
    return;
  }
  const parts = statements.map((statement, i) => sql`${sql.raw(`w${i}`)} as (${statement})`);
  await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}

/**
 * Inserts many rows with one statement (see `insertRowsSql`) and answers them as the ORM would
 * return them (property names, Date instants). Rows come back in the order given.
 */
export async function bulkInsert<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T['$inferInsert'][],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table);
  // Every column named rather than `*`: the answer keeps its shape should a newer release add a
  // column, which a statement prepared by this process would otherwise refuse (preparing-client.ts).
  const returning = sql.raw(
    `returning ${Object.values(columns)
      .map((column) => `"${column.name}"`)
      .join(', ')}`,
  );
  const tail = options.onConflictDoNothing ? sql`on conflict do nothing ${returning}` : returning;
  const inserted = await executeRows<Record<string, unknown>>(db, insertRowsSql(table, rows, tail));
  const byName = new Map(Object.entries(columns).map(([key, column]) => [column.name, { key, column }]));
  return inserted.map((raw) => {
    const mapped: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(raw)) {
      const entry = byName.get(name);
      if (!entry) continue;
      mapped[entry.key] = value === null ? null : entry.column.mapFromDriverValue(value);
    }
    return mapped as T['$inferSelect'];
  });
}
