import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment } from '../../../../shared/appointments.ts';
import { AwaitingAnswer } from '../../../components/awaiting-answer.tsx';
import { Badge } from '../../../components/badge.tsx';
import { MailIcon, MapPinIcon, PhoneIcon, UserIcon, VideoIcon } from '../../../components/icons.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatShortDay, formatTimeRange } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { PaymentBadge } from './payment-badge.tsx';

interface AppointmentCardProps {
  appointment: Appointment;
  /** The practice's time zone: dates and times are shown in it. */
  timeZone: string;
  /** When "now" is, to tell upcoming from past. */
  now: number;
  /** Where the card leads; the client dashboard's details page by default. */
  to?: string;
  /** Hide the date when a heading above already says it. */
  showDate?: boolean;
  /** Buttons under the card's content (each one is above the card's own link). */
  actions?: ReactNode;
  /**
   * Staff read it: who the appointment is with (name, phone, email), which a client knows, and a
   * request as the practice.
   */
  readerIsStaff?: boolean;
}

/** The edge of an upcoming card, in the calendar's colours: waiting in amber, called off in rose. */
const upcomingEdge: Partial<Record<Appointment['status'], string>> = {
  pending: 'border-l-amber-400',
  cancelled: 'border-l-rose-300',
  no_show: 'border-l-rose-300',
};

/**
 * One appointment as a summary sheet (spec 000's card): when, the service, who with their phone
 * and email, where, and the notes. Upcoming ones stand out with a coloured edge (teal once
 * confirmed); past ones are muted.
 * The whole card is a link to the details; the phone and email stay links of their own.
 */
export function AppointmentCard({
  appointment: a,
  timeZone,
  now,
  to,
  showDate = true,
  actions,
  readerIsStaff = true,
}: AppointmentCardProps) {
  const { t } = useTranslation();
  const isPast = Date.parse(a.endTime) < now;
  const notes = a.notes || a.description;
  const href = to ?? paths.dashboard.appointment(a.id);

  return (
    <article
      data-period={isPast ? 'past' : 'upcoming'}
      className={cn(
        'group relative rounded-2xl border border-l-4 shadow-sm transition-shadow focus-within:ring-2 focus-within:ring-teal-600 hover:shadow-md',
        isPast
          ? 'border-slate-200 border-l-slate-300 bg-slate-50/80 shadow-slate-900/5'
          : cn(
              'border-slate-200/80 bg-white shadow-slate-900/5',
              upcomingEdge[a.status] ?? 'border-l-teal-500',
            ),
      )}
    >
      <div className="px-4 py-3.5 sm:px-5">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
          <p
            className={cn('text-sm font-semibold tabular-nums', isPast ? 'text-slate-500' : 'text-teal-800')}
          >
            {showDate ? `${formatShortDay(a.startTime, timeZone)} · ` : null}
            {formatTimeRange(a.startTime, a.endTime, timeZone)}
          </p>
          <div className="flex flex-wrap items-center gap-1.5">
            <StatusBadge status={a.status} />
            {isPast ? null : <AwaitingAnswer appointment={a} readerIsStaff={readerIsStaff} />}
            {a.type === 'paid' ? <PaymentBadge appointment={a} /> : null}
            {isPast ? <Badge>{t('appointments.card.past')}</Badge> : null}
          </div>
        </div>

        <h3 className={cn('mt-1.5 text-base font-semibold', isPast ? 'text-slate-700' : 'text-slate-900')}>
          <Link
            to={href}
            className="rounded-sm after:absolute after:inset-0 after:rounded-2xl focus-visible:outline-none"
          >
            {a.title}
          </Link>
        </h3>
        {a.service ? (
          <p className="mt-0.5 text-sm text-slate-600">
            <span className="sr-only">{t('appointments.card.service')}: </span>
            {a.service}
          </p>
        ) : null}

        <dl className="mt-3 grid grid-cols-1 gap-x-5 gap-y-1.5 text-sm text-slate-700 sm:grid-cols-2">
          {readerIsStaff && a.attendeeName ? (
            <CardFact icon={<UserIcon className="size-4" />} label={t('appointments.card.name')}>
              {a.attendeeName}
            </CardFact>
          ) : null}
          {readerIsStaff && a.attendeePhone ? (
            <CardFact icon={<PhoneIcon className="size-4" />} label={t('appointments.card.phone')}>
              <a
                href={`tel:${a.attendeePhone}`}
                className="relative z-10 hover:text-teal-800 hover:underline"
              >
                {a.attendeePhone}
              </a>
            </CardFact>
          ) : null}
          {readerIsStaff && a.attendeeEmail ? (
            <CardFact icon={<MailIcon className="size-4" />} label={t('appointments.card.email')} wide>
              <a
                href={`mailto:${a.attendeeEmail}`}
                className="relative z-10 break-all hover:text-teal-800 hover:underline"
              >
                {a.attendeeEmail}
              </a>
            </CardFact>
          ) : null}
          {a.location || a.meetingUrl ? (
            <CardFact
              icon={a.location ? <MapPinIcon className="size-4" /> : <VideoIcon className="size-4" />}
              label={t('appointments.card.where')}
              wide
            >
              {a.location || t('appointments.card.videoCall')}
            </CardFact>
          ) : null}
        </dl>

        {notes ? (
          <p className="mt-3 line-clamp-2 rounded-lg bg-slate-100/70 px-3 py-2 text-sm whitespace-pre-line text-slate-600">
            <span className="font-medium text-slate-700">{t('appointments.card.notes')}: </span>
            {notes}
          </p>
        ) : null}

        {actions ? <div className="relative z-10 mt-3 flex flex-wrap gap-2">{actions}</div> : null}
      </div>
    </article>
  );
}

function CardFact({
  icon,
  label,
  wide = false,
  children,
}: {
  icon: ReactNode;
  label: string;
  /** Long values (emails, addresses) take the whole row. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={cn('flex min-w-0 items-center gap-2', wide && 'sm:col-span-2')}>
      <dt className="shrink-0 text-slate-400">
        {icon}
        <span className="sr-only">{label}</span>
      </dt>
      <dd className="min-w-0 truncate">{children}</dd>
    </div>
  );
}
