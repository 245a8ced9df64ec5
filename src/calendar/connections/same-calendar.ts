import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { executeRows } from '../../db/execute-rows.ts';
import { AppError } from '../../domain/errors.ts';

/**
 * One calendar, one connection per practice. Two connections of the same calendar — two staff
 * connecting the front desk's Google account, or a practitioner connecting with their own
 * account the calendar the service account already writes to (spec 002 shares a person's
 * calendar with it) — would each import its assistant bookings and each receive the pushes: the
 * practice would see the booking twice, and the calendar the same appointment twice.
 */

/**
 * The calendar a connection reads, whoever connected it, or null when that cannot be told. An
 * account's primary calendar is named by the account: Google's primary calendar id is the
 * account's email, which is also the id a service account is given for it.
 */
export function calendarIdentity(connection: { calendarId: string; email: string | null }): string | null {
  const id = connection.calendarId === 'primary' ? connection.email : connection.calendarId;
  return id ? id.toLowerCase() : null;
}

/** A calendar the practice has connected already, in another connection. */
export class CalendarConnectedAlreadyError extends AppError {
  constructor(
    readonly connectedBy: string | null,
    readonly asSharedCalendar: boolean,
  ) {
    super(
      'CONFLICT',
      asSharedCalendar
        ? 'This calendar is already connected as the practice’s shared calendar, which every appointment reaches: nothing was added'
        : `This calendar is already connected in your practice by ${connectedBy ?? 'another member'}: ` +
            'disconnect it there first, then connect it here',
    );
    this.name = 'CalendarConnectedAlreadyError';
  }
}

/** Refuses a connection of a calendar the practice has connected already (but `exceptId`, the one being renewed). */
export async function assertCalendarNotConnectedYet(
  db: Executor,
  candidate: { tenantId: string; provider: string; calendarId: string; email: string | null },
  exceptId: string | undefined,
): Promise<void> {
  const identity = calendarIdentity(candidate);
  if (!identity) return;
  const [other] = await executeRows<{ authType: string; name: string | null }>(
    db,
    sql`select c.auth_type as "authType", u.name
      from calendar_connections c left join users u on u.id = c.user_id
      where c.tenant_id = ${candidate.tenantId} and c.provider = ${candidate.provider}
        and lower(case when c.calendar_id = 'primary' then c.email else c.calendar_id end) = ${identity}
        and c.id is distinct from ${exceptId ?? null}::uuid
      limit 1`,
  );
  if (other) throw new CalendarConnectedAlreadyError(other.name, other.authType === 'service_account');
}
