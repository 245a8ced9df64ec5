import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { readTogether } from '../../db/read-together.ts';
import {
  type appointments,
  calendarConnections,
  calendarEventLinks,
  calendarOutbox,
} from '../../db/schema/index.ts';
import { calendarOfAppointmentSql } from './calendar-carries.ts';
import { calendarStatuses, sameInCalendar } from './event-draft.ts';

type AppointmentRow = typeof appointments.$inferSelect;

/** Who made the change; a change that came from a calendar is not pushed back to that calendar. */
export interface ChangeOrigin {
  type: 'user' | 'assistant' | 'calendar' | 'system';
  id: string | null;
}

/**
 * The transactional outbox: called by the appointments write path inside the transaction of
 * every change, it records what each connected calendar must now do — create or update the
 * event on the calendars that carry the appointment (calendar-carries.ts: its client's and
 * practitioner's, and the practice's shared calendar; while nobody is assigned, also those that
 * already carry it), delete it from calendars that should no longer carry it. Rows of a connection whose token expired are parked until it is
 * reconnected. An older pending, parked or failed push of the same event is superseded.
 */
export async function enqueueCalendarPushes(
  tx: Executor,
  origin: ChangeOrigin,
  before: AppointmentRow | null,
  after: AppointmentRow | null,
): Promise<void> {
  if (sameInCalendar(before, after)) return;
  const row = (after ?? before)!;
  const live = !!after && calendarStatuses.has(after.status);
  const owners = live ? [after.assignedAdminId, after.userId].filter((id): id is string => !!id) : [];
  // A live appointment nobody is assigned to (a booking imported over another one, left for an
  // admin to place) stays on the calendars that carry it; only assigning someone moves it.
  const keepWhereLinked = live && after.assignedAdminId === null;
  const [targets, links] = await readTogether(tx, [
    () =>
      live
        ? tx
            .select({ id: calendarConnections.id, status: calendarConnections.status })
            .from(calendarConnections)
            .where(
              and(
                eq(calendarConnections.tenantId, row.tenantId),
                or(
                  eq(calendarConnections.authType, 'service_account'),
                  owners.length > 0 ? inArray(calendarConnections.userId, owners) : undefined,
                ),
              ),
            )
        : Promise.resolve([]),
    () =>
      tx
        .select({
          connectionId: calendarEventLinks.connectionId,
          externalEventId: calendarEventLinks.externalEventId,
          status: calendarConnections.status,
        })
        .from(calendarEventLinks)
        .innerJoin(calendarConnections, eq(calendarConnections.id, calendarEventLinks.connectionId))
        .where(eq(calendarEventLinks.appointmentId, row.id)),
  ]);
  const targetIds = new Set(targets.map((t) => t.id));
  const pushes: (typeof calendarOutbox.$inferInsert)[] = [];
  const fromCalendar = origin.type === 'calendar' ? origin.id : null;

  const upsert = (connection: { id: string; status: string }) => {
    if (connection.id === fromCalendar) return;
    pushes.push({
      tenantId: row.tenantId,
      connectionId: connection.id,
      appointmentId: row.id,
      operation: 'upsert',
      status: connection.status === 'active' ? 'pending' : 'parked',
    });
  };

  for (const target of targets) upsert(target);
  for (const link of links) {
    if (targetIds.has(link.connectionId) || link.connectionId === fromCalendar) continue;
    if (keepWhereLinked) {
      upsert({ id: link.connectionId, status: link.status });
      continue;
    }
    pushes.push({
      tenantId: row.tenantId,
      connectionId: link.connectionId,
      appointmentId: row.id,
      operation: 'delete',
      externalEventId: link.externalEventId,
      status: 'pending',
    });
  }
  if (pushes.length === 0) return;
  await tx
    .update(calendarOutbox)
    .set({ status: 'done', lastError: 'superseded by a later change', processedAt: new Date() })
    .where(
      and(
        eq(calendarOutbox.appointmentId, row.id),
        // A failed push too: the new one carries the appointment as it is now (failed-pushes.ts).
        inArray(calendarOutbox.status, ['pending', 'parked', 'failed']),
        inArray(
          calendarOutbox.connectionId,
          pushes.map((p) => p.connectionId),
        ),
      ),
    );
  await tx.insert(calendarOutbox).values(pushes);
}

/**
 * The bulk twin for freshly inserted appointments, as a part of the statement that inserts them
 * (`insertAppointments`): `inserted` names the CTE holding the new rows. They have no links yet,
 * so each goes to the calendars that carry it (calendar-carries.ts), except the one it came from —
 * what `enqueueCalendarPushes` decides for one new row, decided by the database for thousands
 * without their rows coming back to be looked at.
 */
export function pushesForNewSql(inserted: string, origin: ChangeOrigin): SQL {
  const fromCalendar = origin.type === 'calendar' ? origin.id : null;
  const statuses = sql.join(
    [...calendarStatuses].map((status) => sql`${status}`),
    sql`, `,
  );
  const rows = sql.raw(inserted);
  return sql`insert into calendar_outbox (tenant_id, connection_id, appointment_id, operation, status)
    select a.tenant_id, c.id, a.id, 'upsert', case when c.status = 'active' then 'pending' else 'parked' end
    from ${rows} a
    join calendar_connections c on ${calendarOfAppointmentSql('c', 'a')}
    where a.status in (${statuses}) and c.id is distinct from ${fromCalendar}::uuid`;
}
