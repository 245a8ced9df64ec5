import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { executeRows } from '../../db/execute-rows.ts';
import { carriesWholePractice } from './calendar-carries.ts';

interface CalendarOwner {
  id: string;
  tenantId: string;
  userId: string;
  authType: 'oauth' | 'service_account';
}

/**
 * Whether the appointment `a` is an upcoming pending or confirmed one that the connection's
 * calendar should carry (calendar-carries.ts): its owner's, as client or practitioner, or any
 * of the practice's for its shared calendar. Shared by `queueMissingPushes` and by the import's
 * lookups, which ask whether there are any before a first full read.
 */
export function upcomingForCalendarSql(connection: CalendarOwner, now: Date): SQL {
  const upcoming = sql`a.tenant_id = ${connection.tenantId} and a.status in ('pending', 'confirmed')
    and a.end_time >= ${now.toISOString()}::timestamptz`;
  if (carriesWholePractice(connection)) return upcoming;
  return sql`${upcoming} and (a.assigned_admin_id = ${connection.userId} or a.user_id = ${connection.userId})`;
}

/**
 * Queues, for one connected calendar, every upcoming appointment it should carry
 * (`upcomingForCalendarSql`) that the calendar does not carry yet and that no push is already on
 * its way for. Run when a calendar is connected, so the bookings made before are in it too, and
 * by spec 002's sync-to-calendar, which so tries again what the calendar refused before.
 * Idempotent: a second run finds nothing missing. One statement.
 */
export async function queueMissingPushes(
  db: Executor,
  connection: CalendarOwner,
  now = new Date(),
): Promise<number> {
  // A push the calendar refused before is superseded by the new one (failed-pushes.ts).
  const [row] = await executeRows<{ queued: number }>(
    db,
    sql`
    with queued as (
      insert into calendar_outbox (tenant_id, connection_id, appointment_id, operation)
      select a.tenant_id, ${connection.id}::uuid, a.id, 'upsert' from appointments a
      where ${upcomingForCalendarSql(connection, now)}
        and not exists (select 1 from calendar_event_links l
          where l.appointment_id = a.id and l.connection_id = ${connection.id}::uuid)
        and not exists (select 1 from calendar_outbox o
          where o.appointment_id = a.id and o.connection_id = ${connection.id}::uuid and o.status in ('pending', 'parked'))
      returning appointment_id
    ), superseded as (
      update calendar_outbox set status = 'done', last_error = 'superseded by a later push', processed_at = now()
      where connection_id = ${connection.id}::uuid and status = 'failed'
        and appointment_id in (select appointment_id from queued)
    )
    select count(*)::int as queued from queued`,
  );
  return Number(row?.queued ?? 0);
}
