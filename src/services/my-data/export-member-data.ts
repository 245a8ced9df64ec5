import { and, asc, desc, eq } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import {
  appointments,
  calendarConnections,
  members,
  organizations,
  supportTickets,
  users,
} from '../../db/schema/index.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import type { Member } from '../../domain/permissions.ts';
import type { Locale, Role } from '../../shared/auth.ts';
import { toAppointmentDto } from '../appointments/appointment-dto.ts';
import { calendarEventIdsFor, noCalendarEvents } from '../appointments/calendar-event-ids.ts';
import { getAppointmentHistory } from '../appointments/get-appointment-history.ts';
import { getCalendarFeedStatus } from '../calendar-feed/get-calendar-feed-status.ts';
import { getCompany } from '../company/billing-company.ts';
import { selectTickets, toSupportTicketDto } from '../support/support-ticket-dto.ts';
import type { MyDataExport } from './my-data-export.ts';

/**
 * Everything this practice's Rendezvous holds about one of its members, in one document (GDPR
 * art. 15 and 20): their account, company, own appointments with their history, support requests,
 * calendar connections and feed. Each part is what the API shows that person, read in this
 * practice only and for them only. The member downloads it themselves, or staff do for them when
 * they ask by e-mail or phone: either way it is the member's view, with their role as the
 * membership holds it, so a client's file never carries staff notes whoever downloads it.
 *
 * Left out on purpose:
 * - secrets: the password hash, session tokens, calendar tokens, sync cursors and channels, the
 *   feed's address (only its hash is kept);
 * - other people's data: appointments they are the practitioner of (their clients'), the
 *   internal notes staff keep on a client's appointment, other members' requests;
 * - the practice's settings (opening hours, services, voice assistants), copies of what is
 *   theirs elsewhere (busy times read from their calendar; invoices, which live in Lago), and
 *   sign-in sessions, whose browser and address are kept only while the session lives.
 *
 * Throws NOT_FOUND when `memberUserId` is not a member of this practice: another practice's
 * members are indistinguishable from unknown ids. `requestedBy`: the staff member asking for
 * someone else's file (see `assertMayExport`).
 */
export async function exportMemberData(
  db: Database,
  tenantId: string,
  memberUserId: string,
  options: { requestedBy?: { userId: string; role: Role }; now?: Date } = {},
): Promise<MyDataExport> {
  const now = options.now ?? new Date();
  // One snapshot: an appointment deleted meanwhile can neither fail its history's read nor leave
  // the file half old, half new.
  return db.transaction(
    async (tx) => {
      const { practice, account } = await readAccount(tx, tenantId, memberUserId);
      assertMayExport(options.requestedBy, account);
      const who: Member = { tenantId, userId: account.id, role: account.role };
      return {
        exportedAt: now.toISOString(),
        practice,
        account,
        company: await getCompany(tx, who),
        appointments: await readAppointments(tx, who),
        supportRequests: await readSupportRequests(tx, who),
        calendarConnections: await readCalendarConnections(tx, who),
        calendarFeed: await getCalendarFeedStatus(tx, who),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * Staff answer a member's request as they may act on that member's account (members.ts): the
 * owner for anyone, an admin for clients and themselves, not for a colleague or the owner.
 */
function assertMayExport(
  requestedBy: { userId: string; role: Role } | undefined,
  account: { id: string; role: Role },
) {
  if (!requestedBy || requestedBy.role === 'owner' || requestedBy.userId === account.id) return;
  if (account.role !== 'client')
    throw forbidden('Only the owner can download the data of an admin or of the owner');
}

/**
 * Their own appointments as the appointments API shows them to them (so a client's carry no
 * internal notes), each with its history as the history endpoint shows it, oldest first.
 */
async function readAppointments(db: Executor, who: Member): Promise<MyDataExport['appointments']> {
  const own = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.tenantId, who.tenantId), eq(appointments.userId, who.userId)))
    .orderBy(asc(appointments.startTime), asc(appointments.id));
  const events = await calendarEventIdsFor(db, who.tenantId, own);
  const shown: MyDataExport['appointments'] = [];
  // One at a time: a transaction's connection answers one statement at a time anyway.
  for (const row of own) {
    const history = await getAppointmentHistory(db, who, row.id);
    shown.push({
      ...toAppointmentDto(row, who.role, events.get(row.id) ?? noCalendarEvents),
      history: history.map((event) => ({
        ...event,
        before: withoutWriteKeys(event.before),
        after: withoutWriteKeys(event.after),
      })),
    });
  }
  return shown;
}

/**
 * The account as a member of this practice, with the role the membership gives it: a person in
 * two practices exports each apart.
 */
async function readAccount(db: Executor, tenantId: string, userId: string) {
  const [row] = await db
    .select({
      practiceName: organizations.name,
      timezone: organizations.timezone,
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      locale: users.locale,
      createdAt: users.createdAt,
      role: members.role,
      memberSince: members.createdAt,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(and(eq(members.organizationId, tenantId), eq(members.userId, userId)));
  if (!row) throw notFound('User');
  return {
    practice: { name: row.practiceName, timezone: row.timezone },
    account: {
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      locale: (row.locale as Locale | null) ?? null,
      role: row.role as Role,
      createdAt: row.createdAt.toISOString(),
      memberSince: row.memberSince.toISOString(),
    },
  };
}

/** The requests they wrote, newest first, as the support page shows them; staff's too, but not their clients'. */
async function readSupportRequests(db: Executor, who: Member) {
  const rows = await selectTickets(db)
    .where(and(eq(supportTickets.tenantId, who.tenantId), eq(supportTickets.userId, who.userId)))
    .orderBy(desc(supportTickets.createdAt), desc(supportTickets.id));
  return rows.map(toSupportTicketDto);
}

/** Only the columns that describe a connection: its tokens and sync state are never even read. */
async function readCalendarConnections(db: Executor, who: Member) {
  const rows = await db
    .select({
      provider: calendarConnections.provider,
      email: calendarConnections.email,
      calendarId: calendarConnections.calendarId,
      status: calendarConnections.status,
      lastSyncAt: calendarConnections.lastSyncAt,
      createdAt: calendarConnections.createdAt,
    })
    .from(calendarConnections)
    .where(and(eq(calendarConnections.tenantId, who.tenantId), eq(calendarConnections.userId, who.userId)))
    .orderBy(asc(calendarConnections.createdAt));
  return rows.map((row) => ({
    ...row,
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}

/**
 * A history snapshot without the voice assistant's Idempotency-Key: it served to recognise a
 * retried booking, and says nothing about the person.
 */
function withoutWriteKeys(snapshot: Record<string, unknown> | null) {
  if (!snapshot) return null;
  const { idempotencyKey: _key, idempotencyFingerprint: _fingerprint, ...rest } = snapshot;
  return rest;
}
