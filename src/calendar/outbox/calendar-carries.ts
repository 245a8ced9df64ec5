import { type SQL, sql } from 'drizzle-orm';

/**
 * Which calendars carry an appointment's event. The practice's shared calendar — the Google
 * calendar its service account writes to (spec 002: every appointment, made in the app or by
 * the voice assistant, gets its event there) — carries every appointment of its practice,
 * whoever it is for. Any other calendar is a person's, and carries the appointments they are
 * the practitioner or the client of.
 */
export function carriesWholePractice(connection: { authType: string }): boolean {
  return connection.authType === 'service_account';
}

/**
 * The same rule in SQL: whether the connection aliased `c` is one of the calendars the
 * appointment aliased `a` goes on (its status aside).
 */
export function calendarOfAppointmentSql(c: string, a: string): SQL {
  return sql.raw(
    `(${c}.tenant_id = ${a}.tenant_id and (${c}.auth_type = 'service_account' or ${c}.user_id in (${a}.assigned_admin_id, ${a}.user_id)))`,
  );
}
