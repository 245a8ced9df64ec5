import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

/**
 * Runs independent reads side by side on a pool — each on a connection of its own — and one
 * after the other in a transaction, whose single connection answers one statement at a time
 * (node-postgres only queues the others, and warns that it will refuse to from its next major
 * version). Answers the results in the order given, as Promise.all does.
 */
export async function readTogether<T extends readonly unknown[]>(
  db: Executor,
  reads: { [K in keyof T]: () => PromiseLike<T[K]> },
): Promise<T> {
  if (!is(db, PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
