import { sql } from 'drizzle-orm';
import type { Executor } from './client.ts';

/**
 * Advisory-lock namespaces of the writes that take turns inside a transaction, one per kind, so
 * that a key of one kind never waits on the same key of another (client.ts keeps 0x52445a56 for
 * its named locks across transactions).
 */
const namespaces = {
  /** Bookings and moves of one practitioner (services/assistants/bookable-slot.ts). */
  bookings: 0x52445a57,
  /** Weekly openings of one practitioner (services/availability/appointment-slots.ts). */
  openings: 0x52445a58,
  /** Calendar connections of one practice (calendar/connections/store-calendar-connection.ts). */
  connections: 0x52445a59,
} as const;

/**
 * Makes the rest of the transaction wait its turn on `key` of this kind; the turn ends at commit
 * or rollback. Called inside a transaction only: outside one it would end at once.
 */
export async function waitTurnInTransaction(
  tx: Executor,
  kind: keyof typeof namespaces,
  key: string,
): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${namespaces[kind]}::int, hashtext(${key}))`);
}
