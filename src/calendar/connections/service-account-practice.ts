import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { calendarConnections, organizations } from '../../db/schema/index.ts';
import type { UserCaller } from '../../server/plugins/caller.ts';
import type { ServiceAccountOffer } from '../../shared/calendar.ts';
import type { CalendarContext } from '../calendar-context.ts';
import type { GoogleSettings } from '../google/google-settings.ts';
import type { ConnectionRow } from './connection-dto.ts';

/**
 * Spec 002's service account is one clinic's calendar, and sign-up is open: were any practice
 * able to connect it, a stranger could sign up and read (and import) the clinic's patients.
 * So the calendar belongs to exactly one practice of the server.
 */
export const serviceAccountBelongsElsewhere =
  "This server's service-account calendar belongs to another practice (see GOOGLE_SERVICE_ACCOUNT_PRACTICE)";

/** GOOGLE_SERVICE_ACCOUNT_JSON and GOOGLE_CALENDAR_ID are both set. */
export function isServiceAccountConfigured(
  settings: GoogleSettings,
): settings is GoogleSettings & { serviceAccountJson: string; serviceAccountCalendarId: string } {
  return Boolean(settings.serviceAccountJson && settings.serviceAccountCalendarId);
}

/**
 * The id of the practice the service-account calendar belongs to: the one
 * GOOGLE_SERVICE_ACCOUNT_PRACTICE names by id or slug, else the server's first practice (the
 * oldest, as a self-hosted clinic's own is). Null when there is none: no practice yet, or the
 * variable names no practice of this server — then nobody may connect it.
 */
export async function findServiceAccountPractice(
  db: Executor,
  settings: GoogleSettings,
): Promise<string | null> {
  const named = settings.serviceAccountPractice;
  const [practice] = named
    ? await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(or(eq(organizations.id, named), eq(organizations.slug, named)))
        // An id that happens to be another practice's slug is still that id.
        .orderBy(sql`${organizations.id} = ${named} desc`)
        .limit(1)
    : await db
        .select({ id: organizations.id })
        .from(organizations)
        .orderBy(asc(organizations.createdAt), asc(organizations.id))
        .limit(1);
  return practice?.id ?? null;
}

export async function isServiceAccountPractice(
  db: Executor,
  settings: GoogleSettings,
  tenantId: string,
): Promise<boolean> {
  return (await findServiceAccountPractice(db, settings)) === tenantId;
}

/** The practice's connections of the service-account calendar, oldest first (normally one). */
export function findServiceAccountConnections(
  db: Executor,
  tenantId: string,
  calendarId: string,
): Promise<ConnectionRow[]> {
  return db
    .select()
    .from(calendarConnections)
    .where(
      and(
        eq(calendarConnections.tenantId, tenantId),
        eq(calendarConnections.provider, 'google'),
        eq(calendarConnections.authType, 'service_account'),
        eq(calendarConnections.calendarId, calendarId),
      ),
    )
    .orderBy(asc(calendarConnections.createdAt));
}

/**
 * GET /api/calendar/status `service_account`: the server's service-account calendar, told only
 * to the practice it belongs to, with whether it is connected and whether the caller can
 * connect it (owners and admins, while it is not).
 */
export async function getServiceAccountOffer(
  ctx: CalendarContext,
  caller: UserCaller,
): Promise<ServiceAccountOffer | null> {
  const settings = ctx.google;
  if (!isServiceAccountConfigured(settings)) return null;
  if (!(await isServiceAccountPractice(ctx.db, settings, caller.tenantId))) return null;
  const connections = await findServiceAccountConnections(
    ctx.db,
    caller.tenantId,
    settings.serviceAccountCalendarId,
  );
  const isConnected = connections.some((c) => c.status === 'active');
  const isStaff = caller.role === 'owner' || caller.role === 'admin';
  return {
    calendar_id: settings.serviceAccountCalendarId,
    is_connected: isConnected,
    can_connect: isStaff && !isConnected,
  };
}
