import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { executeRows } from '../../db/execute-rows.ts';

interface ConnectionOwner {
  tenantId: string;
  userId: string;
}

/**
 * Whose calendars the practice imports from: its staff's (owner, admin) only.
 *
 * Every member may connect a calendar, so that their appointments are pushed to it (spec 001),
 * but only a practitioner's calendar speaks for the practice: its assistant bookings become
 * appointments, its moves and deletions of our events change them, its other events are busy
 * time in its owner's availability. A client's calendar is a copy for them: nothing in it — an
 * event marked as the assistant's, one of our events moved or deleted — creates, changes or
 * cancels an appointment, and a conflict between it and the appointment is won by the
 * appointment. Nor are its events kept as busy time: availability reads busy time by
 * practitioner, so a client's could only ever be their private life stored for nothing, and it
 * would start taking time away should the client later be made an admin.
 *
 * Read when it is needed, never stored: a member whose role changes is treated by the new role
 * from the next pull on.
 */
export function canImportFromSql(connection: ConnectionOwner): SQL {
  return sql`exists (select 1 from members m
    where m.organization_id = ${connection.tenantId} and m.user_id = ${connection.userId}
      and m.role in ('owner', 'admin'))`;
}

/** `canImportFromSql` on its own: for the rare paths (conflicts, deletions) that ask outside an import. */
export async function canImportFrom(db: Executor, connection: ConnectionOwner): Promise<boolean> {
  const [row] = await executeRows<{ allowed: boolean }>(
    db,
    sql`select ${canImportFromSql(connection)} as allowed`,
  );
  return row?.allowed === true;
}
