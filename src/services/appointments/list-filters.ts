import { type AnyColumn, and, eq, gte, ilike, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { appointments } from '../../db/schema/index.ts';
import { invalid } from '../../domain/errors.ts';
import { isSupportedInstant, type ListAppointmentsQuery } from '../../shared/appointments.ts';
import { isUuid } from './find-visible-appointment.ts';

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

/** The WHERE of a list: always the tenant, then the filters of the query. */
export function listConditions(tenantId: string, query: ListAppointmentsQuery, extra?: SQL): SQL {
  const conditions: (SQL | undefined)[] = [eq(appointments.tenantId, tenantId), extra];
  if (query.status) conditions.push(eq(appointments.status, query.status));
  if (query.type) conditions.push(eq(appointments.type, query.type));
  if (query.source) conditions.push(eq(appointments.source, query.source));
  if (query.startDate) conditions.push(gte(appointments.startTime, new Date(query.startDate)));
  if (query.endDate) {
    // A bare date includes its whole (UTC) day; a date-time is an inclusive bound.
    conditions.push(
      dateOnly.test(query.endDate)
        ? lt(appointments.startTime, new Date(Date.parse(query.endDate) + 86_400_000))
        : lte(appointments.startTime, new Date(query.endDate)),
    );
  }
  if (query.search) conditions.push(searchCondition(query.search));
  if (query.cursor) {
    const { startTime, id } = decodeCursor(query.cursor);
    // The next page continues in the list's order: later rows when ascending, earlier ones when not.
    conditions.push(
      query.order === 'desc'
        ? sql`(${appointments.startTime}, ${appointments.id}) < (${startTime}, ${id})`
        : sql`(${appointments.startTime}, ${appointments.id}) > (${startTime}, ${id})`,
    );
  }
  return and(...conditions)!;
}

/**
 * Text search over title, attendee name and email, and description, plus any `alsoIn` columns
 * (the admin list adds the client's account name and email); LIKE wildcards are taken literally.
 */
export function searchCondition(search: string, alsoIn: AnyColumn[] = []): SQL {
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const columns = [
    appointments.title,
    appointments.attendeeName,
    appointments.attendeeEmail,
    appointments.description,
    ...alsoIn,
  ];
  return or(...columns.map((column) => ilike(column, pattern)))!;
}

/** Keyset pagination on (start_time, id), the order of the tenant/start index. */
export function encodeCursor(row: { startTime: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.startTime.toISOString(), row.id])).toString('base64url');
}

/** `Date.prototype.toISOString` within four-digit years. */
const cursorInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function decodeCursor(cursor: string): { startTime: string; id: string } {
  try {
    const [startTime, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // Only what encodeCursor writes: anything else the engine's lenient Date.parse takes
    // ("2026", "foo 2026") would reach the database as a timestamp it cannot read.
    if (
      typeof startTime === 'string' &&
      typeof id === 'string' &&
      cursorInstant.test(startTime) &&
      isSupportedInstant(Date.parse(startTime)) &&
      // The engine reads 30 February as 2 March; the database refuses it.
      new Date(startTime).toISOString() === startTime &&
      isUuid(id)
    ) {
      return { startTime, id };
    }
  } catch {
    // falls through to the validation error
  }
  throw invalid('Invalid cursor', [{ path: 'querystring.cursor', message: 'Not a cursor from this API' }]);
}

/** Splits a page read with one extra row into the page and the cursor of the next one. */
export function paginate<T extends { startTime: Date; id: string }>(rows: T[], limit: number) {
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1]) : null;
  return { page, nextCursor };
}
