import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminAppointment } from '../../../../shared/admin-appointments.ts';
import { Badge } from '../../../components/badge.tsx';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { formatDay, formatMoney, formatTimeRange } from '../../../lib/format.ts';
import { clientEmail, clientName } from '../lib/export-appointments.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-0.5 py-2.5 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** Everything about one appointment, internal notes included (admins only see this page). */
export function AppointmentDetailsDialog({
  appointment,
  timeZone,
  onClose,
}: {
  appointment: AdminAppointment | null;
  timeZone: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const a = appointment;
  const none = <span className="text-slate-500">{t('adminAppointments.details.none')}</span>;
  return (
    <Dialog
      open={a !== null}
      onClose={onClose}
      title={a?.title ?? ''}
      description={a ? formatDay(a.startTime, timeZone) : ''}
    >
      {a ? (
        <>
          {/* Focusable so that keyboards can scroll it on a short screen. */}
          <section
            aria-label={t('adminAppointments.details.label')}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled without a mouse (WCAG 2.1.1).
            tabIndex={0}
            className="max-h-[65dvh] overflow-y-auto px-6 py-3 focus-visible:outline-2 focus-visible:outline-teal-600"
          >
            <dl className="divide-y divide-slate-100">
              <Row label={t('adminAppointments.details.status')}>
                <StatusBadge status={a.status} />
              </Row>
              <Row label={t('adminAppointments.details.when')}>
                {formatTimeRange(a.startTime, a.endTime, timeZone)}
              </Row>
              <Row label={t('adminAppointments.details.client')}>
                {clientName(a) ?? none}
                {clientEmail(a) ? <span className="block text-slate-500">{clientEmail(a)}</span> : null}
                {a.attendeePhone ? <span className="block text-slate-500">{a.attendeePhone}</span> : null}
              </Row>
              <Row label={t('adminAppointments.details.assignedTo')}>{a.assignedAdmin?.name ?? none}</Row>
              <Row label={t('adminAppointments.details.product')}>{a.product?.name ?? a.service ?? none}</Row>
              <Row label={t('adminAppointments.details.price')}>
                {a.type === 'free' ? (
                  t('adminAppointments.type.free')
                ) : (
                  <span className="flex flex-wrap items-center gap-2">
                    {formatMoney(a.price, a.currency)}
                    <Badge tone={a.isPaid ? 'emerald' : 'amber'}>
                      {t(a.isPaid ? 'adminAppointments.paid' : 'adminAppointments.unpaid')}
                    </Badge>
                  </span>
                )}
              </Row>
              <Row label={t('adminAppointments.details.location')}>{a.location || none}</Row>
              <Row label={t('adminAppointments.details.meeting')}>
                {a.meetingUrl ? (
                  <a
                    href={a.meetingUrl}
                    target="_blank"
                    rel="noreferrer"
                    className="font-medium text-teal-800 underline underline-offset-2 hover:text-teal-900"
                  >
                    {t('adminAppointments.details.joinMeeting')}
                  </a>
                ) : (
                  none
                )}
              </Row>
              <Row label={t('adminAppointments.details.source')}>
                {t(`adminAppointments.source.${a.source}`)}
              </Row>
              <Row label={t('adminAppointments.details.description')}>
                {a.description ? <span className="whitespace-pre-line">{a.description}</span> : none}
              </Row>
              <Row label={t('adminAppointments.details.notes')}>
                {a.notes ? <span className="whitespace-pre-line">{a.notes}</span> : none}
              </Row>
            </dl>
          </section>
          <div className="flex justify-end border-t border-slate-100 px-6 py-4">
            <Button variant="secondary" onClick={onClose}>
              {t('adminAppointments.details.close')}
            </Button>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
