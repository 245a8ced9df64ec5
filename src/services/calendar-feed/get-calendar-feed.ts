import { and, asc, eq, gt, isNull, ne, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { appointments, calendarFeedTokens, members, organizations, users } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import { isStaff } from '../../domain/permissions.ts';
import type { Role } from '../../shared/auth.ts';
import type { AppointmentRow } from '../appointments/appointment-dto.ts';
import { hashFeedToken, isFeedToken } from './feed-token.ts';
import { type IcsEvent, renderCalendar } from './ical-format.ts';

/** How far back the feed reaches: recent history stays visible on the phone, old years do not. */
export const feedPastDays = 180;
/** At most this many events (the soonest after the window's start): calendar apps choke on huge feeds. */
export const feedMaxEvents = 2000;
export const feedRefreshMinutes = 15;

const labels = {
  en: {
    client: 'Client',
    phone: 'Phone',
    email: 'Email',
    service: 'Service',
    patientType: 'Patient type',
    with: 'With',
    assistant: 'Booked by the voice assistant',
  },
  fr: {
    client: 'Client',
    phone: 'Téléphone',
    email: 'E-mail',
    service: 'Prestation',
    patientType: 'Type de patient',
    with: 'Avec',
    assistant: 'Réservé par l’assistant vocal',
  },
} as const;
type Labels = (typeof labels)[keyof typeof labels];

function practitionerDescription(row: AppointmentRow, t: Labels): string {
  const facts: [string, string | null][] = [
    [t.client, row.attendeeName],
    [t.phone, row.attendeePhone],
    [t.email, row.attendeeEmail],
    [t.service, row.service],
    [t.patientType, row.patientType],
  ];
  const lines = facts.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`);
  if (row.source === 'assistant') lines.push(t.assistant);
  return [row.description, lines.join('\n')].filter(Boolean).join('\n\n');
}

function clientDescription(row: AppointmentRow, practitionerName: string | null, t: Labels): string {
  return [row.description, practitionerName ? `${t.with}: ${practitionerName}` : null]
    .filter(Boolean)
    .join('\n\n');
}

const isWebAddress = (value: string | null): value is string => !!value && /^https?:\/\/[^\s]+$/i.test(value);

/**
 * The iCalendar feed behind a secret address: the appointments of its owner in the practice
 * that made it — for a client the ones booked for them; for an owner or admin also the ones they
 * are the practitioner of, with the caller's contact details (what a practitioner wants on their
 * phone). Cancelled appointments are left out rather than sent as STATUS:CANCELLED: a
 * subscription is re-read whole on every refresh, so a missing event disappears from every
 * calendar app, while CANCELLED events are still drawn by some. Internal notes are never in it.
 * An unknown, malformed or revoked token, or one whose owner left the practice, is not found.
 */
export async function getCalendarFeed(db: Executor, token: string, now = Date.now()): Promise<string> {
  if (!isFeedToken(token)) throw notFound('Calendar feed');
  const [owner] = await db
    .select({
      userId: calendarFeedTokens.userId,
      tenantId: calendarFeedTokens.tenantId,
      role: members.role,
      locale: users.locale,
      practice: organizations.name,
    })
    .from(calendarFeedTokens)
    .innerJoin(
      members,
      and(
        eq(members.organizationId, calendarFeedTokens.tenantId),
        eq(members.userId, calendarFeedTokens.userId),
      ),
    )
    .innerJoin(users, eq(users.id, calendarFeedTokens.userId))
    .innerJoin(organizations, eq(organizations.id, calendarFeedTokens.tenantId))
    .where(and(eq(calendarFeedTokens.tokenHash, hashFeedToken(token)), isNull(calendarFeedTokens.revokedAt)));
  if (!owner) throw notFound('Calendar feed');

  const staff = isStaff(owner.role as Role);
  const practitioner = alias(users, 'practitioner');
  const rows = await db
    .select({ row: appointments, practitionerName: practitioner.name })
    .from(appointments)
    .leftJoin(practitioner, eq(practitioner.id, appointments.assignedAdminId))
    .where(
      and(
        eq(appointments.tenantId, owner.tenantId),
        staff
          ? or(eq(appointments.assignedAdminId, owner.userId), eq(appointments.userId, owner.userId))
          : eq(appointments.userId, owner.userId),
        ne(appointments.status, 'cancelled'),
        gt(appointments.endTime, new Date(now - feedPastDays * 86_400_000)),
      ),
    )
    .orderBy(asc(appointments.startTime), asc(appointments.id))
    .limit(feedMaxEvents);

  const t = labels[owner.locale === 'fr' ? 'fr' : 'en'];
  const events = rows.map(({ row, practitionerName }): IcsEvent => {
    const asPractitioner = staff && row.assignedAdminId === owner.userId;
    return {
      uid: `${row.id}@rendezvous`,
      stamp: row.updatedAt,
      created: row.createdAt,
      sequence: row.version - 1,
      start: row.startTime,
      end: row.endTime,
      summary: row.title,
      description: asPractitioner
        ? practitionerDescription(row, t)
        : clientDescription(row, practitionerName, t),
      location: row.location ?? row.meetingUrl,
      url: isWebAddress(row.meetingUrl) ? row.meetingUrl : null,
      status: row.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
    };
  });
  return renderCalendar({
    name: `${owner.practice} – Rendezvous`,
    refreshMinutes: feedRefreshMinutes,
    events,
  });
}
