import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

/**
 * Inserts many rows with one statement and one parameter: the rows travel as a JSON array that
 * PostgreSQL unpacks with jsonb_to_recordset. Building a multi-row VALUES list with thousands
 * of bound parameters costs more in the ORM than the database spends inserting (measured by
 * bench/sync.ts). Every row must carry the same keys; columns left out take their defaults.
 * Rows come back as the ORM would return them (property names, Date instants).
 */
export async function bulkInsert<T extends PgTable>(
  db: Executor,
  table: T,
  rows: T['$inferInsert'][],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<T['$inferSelect'][]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((key) => key in columns);
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
  const conflict = options.onConflictDoNothing ? sql.raw(' on conflict do nothing') : sql.raw('');
  const result = await db.execute(
    sql`insert into ${sql.identifier(getTableName(table))} (${sql.raw(quoted)}) select ${sql.raw(quoted)} from jsonb_to_recordset(${json}::jsonb) as r(${sql.raw(recordType)})${conflict} returning *`,
  );
  const byName = new Map(Object.entries(columns).map(([key, column]) => [column.name, { key, column }]));
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map((raw) => {
    const mapped: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(raw)) {
      const entry = byName.get(name);
      if (!entry) continue;
      mapped[entry.key] = value === null ? null : entry.column.mapFromDriverValue(value);
    }
    return mapped as T['$inferSelect'];
  });
}
