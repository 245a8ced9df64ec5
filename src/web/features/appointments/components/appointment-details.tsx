import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../../shared/appointments.ts';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { CalendarDaysIcon, FileTextIcon, UserIcon } from '../../../components/icons.tsx';
import { formatDay, formatTimeRange } from '../../../lib/format.ts';
import { useAppointmentHistory } from '../api/get-appointment-history.ts';
import { PaymentBadge } from './payment-badge.tsx';

interface AppointmentDetailsProps {
  appointment: Appointment;
  timeZone: string;
  /** Staff: the name of the practitioner whose time it takes. */
  practitionerName?: string;
}

function minutesBetween(a: Appointment) {
  return Math.round((Date.parse(a.endTime) - Date.parse(a.startTime)) / 60_000);
}

/** Everything known about one appointment, in three cards: when and where, who, and notes. */
export function AppointmentDetails({ appointment: a, timeZone, practitionerName }: AppointmentDetailsProps) {
  const { t } = useTranslation();
  const zone = a.timezone || timeZone;
  return (
    <div className="space-y-5">
      <Card>
        <CardHeader icon={<CalendarDaysIcon />} title={t('appointments.details.when')} />
        <CardBody>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2">
            <Fact label={t('appointments.details.date')}>
              <span className="first-letter:uppercase">{formatDay(a.startTime, zone)}</span>
            </Fact>
            <Fact label={t('appointments.details.time')}>
              <span className="tabular-nums">{formatTimeRange(a.startTime, a.endTime, zone)}</span>{' '}
              <span className="text-slate-500">
                ({t('appointments.details.duration', { count: minutesBetween(a) })})
              </span>
            </Fact>
            <Fact label={t('appointments.details.timezone')}>{zone.replaceAll('_', ' ')}</Fact>
            <Fact label={t('appointments.details.type')}>
              {/* The badge says both the price and where its payment stands. */}
              {a.type === 'paid' ? <PaymentBadge appointment={a} /> : t('appointments.type.free')}
            </Fact>
            {a.location ? <Fact label={t('appointments.details.location')}>{a.location}</Fact> : null}
            {a.meetingUrl ? (
              <Fact label={t('appointments.details.meetingUrl')}>
                <a
                  href={a.meetingUrl}
                  target="_blank"
                  rel="noreferrer"
                  className="break-all text-teal-800 underline decoration-teal-800/30 hover:decoration-teal-800"
                >
                  {a.meetingUrl}
                </a>
              </Fact>
            ) : null}
            {a.service ? <Fact label={t('appointments.details.service')}>{a.service}</Fact> : null}
            <Fact label={t('appointments.details.source')}>
              <BookedBy appointment={a} />
            </Fact>
            {practitionerName ? (
              <Fact label={t('appointments.details.practitioner')}>{practitionerName}</Fact>
            ) : null}
          </dl>
        </CardBody>
      </Card>

      {a.attendeeName || a.attendeeEmail || a.attendeePhone ? (
        <Card>
          <CardHeader icon={<UserIcon />} title={t('appointments.details.attendee')} />
          <CardBody>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2">
              {a.attendeeName ? <Fact label={t('appointments.details.name')}>{a.attendeeName}</Fact> : null}
              {a.attendeeEmail ? (
                <Fact label={t('appointments.details.email')}>
                  <a href={`mailto:${a.attendeeEmail}`} className="break-all text-teal-800 hover:underline">
                    {a.attendeeEmail}
                  </a>
                </Fact>
              ) : null}
              {a.attendeePhone ? (
                <Fact label={t('appointments.details.phone')}>
                  <a href={`tel:${a.attendeePhone}`} className="text-teal-800 hover:underline">
                    {a.attendeePhone}
                  </a>
                </Fact>
              ) : null}
              {a.patientType ? (
                <Fact label={t('appointments.details.patientType')}>
                  {t([`appointments.patientType.${a.patientType}`, 'appointments.patientType.other'], {
                    value: a.patientType,
                  })}
                </Fact>
              ) : null}
            </dl>
          </CardBody>
        </Card>
      ) : null}

      {a.description || a.notes ? (
        <Card>
          <CardHeader icon={<FileTextIcon />} title={t('appointments.details.notesTitle')} />
          <CardBody className="space-y-4">
            {a.description ? (
              <div>
                <h3 className="text-sm font-medium text-slate-500">
                  {t('appointments.details.description')}
                </h3>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-800">{a.description}</p>
              </div>
            ) : null}
            {a.notes ? (
              <div className="rounded-xl bg-amber-50/70 px-4 py-3">
                <h3 className="text-sm font-medium text-amber-900">
                  {t('appointments.details.internalNotes')}
                </h3>
                <p className="mt-1 text-sm whitespace-pre-line text-slate-800">{a.notes}</p>
              </div>
            ) : null}
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm font-medium text-slate-900">{children}</dd>
    </div>
  );
}

/**
 * How the appointment was booked; an assistant's booking names the assistant, read from the
 * history's first event (the page shows the history too: one request for both).
 */
function BookedBy({ appointment: a }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const history = useAppointmentHistory(a.source === 'assistant' ? a.id : null);
  const booking = history.data?.find((e) => e.action === 'created' && e.actorType === 'assistant');
  return booking?.actorName
    ? t('appointments.source.assistantNamed', { name: booking.actorName })
    : t(`appointments.source.${a.source}`);
}
