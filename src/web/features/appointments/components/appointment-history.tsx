import { useTranslation } from 'react-i18next';
import type { Appointment, AppointmentEvent } from '../../../../shared/appointments.ts';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { HistoryIcon } from '../../../components/icons.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatDateTime, formatMoney, formatShortDay, formatTimeRange } from '../../../lib/format.ts';
import { useAppointmentHistory } from '../api/get-appointment-history.ts';

interface AppointmentHistoryProps {
  appointment: Appointment;
  /** The reader: their own changes read "by you". */
  userId: string;
  isStaff: boolean;
  timeZone: string;
}

const dotColours: Record<string, string> = {
  created: 'bg-teal-500',
  confirmed: 'bg-emerald-500',
  completed: 'bg-slate-400',
  cancelled: 'bg-rose-500',
  no_show: 'bg-rose-500',
};

/** The audit trail as a timeline a person reads: what happened, by whom, when, and what changed. */
export function AppointmentHistory({ appointment, userId, isStaff, timeZone }: AppointmentHistoryProps) {
  const { t } = useTranslation();
  const history = useAppointmentHistory(appointment.id);

  /** Who acted, by name when the server knows it. */
  const actor = (event: AppointmentEvent) => {
    const name = event.actorName;
    if (event.actorType === 'assistant' && name) return t('appointments.history.by.assistantNamed', { name });
    if (event.actorType === 'calendar' && name) return t('appointments.history.by.calendarNamed', { name });
    if (event.actorType !== 'user') return t(`appointments.history.by.${event.actorType}`);
    if (event.actorId === userId) return t('appointments.history.by.you');
    if (isStaff && event.actorId && event.actorId === appointment.userId)
      return name ? t('appointments.history.by.clientNamed', { name }) : t('appointments.history.by.client');
    return name ? t('appointments.history.by.named', { name }) : t('appointments.history.by.practice');
  };

  return (
    <Card>
      <CardHeader icon={<HistoryIcon />} title={t('appointments.history.title')} />
      <CardBody>
        {history.isPending ? (
          <p className="flex items-center gap-2 text-sm text-slate-500" role="status">
            <Spinner className="size-4" />
            {t('appointments.history.loading')}
          </p>
        ) : history.isError ? (
          <p className="text-sm text-slate-600">{t('appointments.history.loadFailed')}</p>
        ) : history.data.length === 0 ? (
          <p className="text-sm text-slate-600">{t('appointments.history.empty')}</p>
        ) : (
          <ol className="relative space-y-5 before:absolute before:top-2 before:bottom-2 before:left-[5px] before:w-px before:bg-slate-200">
            {history.data.map((event) => (
              <li key={event.id} className="relative pl-6">
                <span
                  aria-hidden="true"
                  className={cn(
                    'absolute top-1.5 left-0 size-[11px] rounded-full ring-4 ring-white',
                    dotColours[event.action] ?? 'bg-indigo-400',
                  )}
                />
                <p className="text-sm font-medium text-slate-900">
                  {t([`appointments.history.action.${event.action}`, 'appointments.history.action.other'])}
                </p>
                <p className="text-xs text-slate-500">
                  {actor(event)} ·{' '}
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, timeZone)}</time>
                </p>
                <Changes event={event} timeZone={timeZone} />
              </li>
            ))}
          </ol>
        )}
      </CardBody>
    </Card>
  );
}

type Snapshot = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** The changes of an "updated" event worth telling: time, title, place, price, payment. */
function Changes({ event, timeZone }: { event: AppointmentEvent; timeZone: string }) {
  const { t } = useTranslation();
  if (event.action === 'created' || !event.before || !event.after) return null;
  const before = event.before as Snapshot;
  const after = event.after as Snapshot;
  const lines: string[] = [];
  const changed = (key: string) => JSON.stringify(before[key]) !== JSON.stringify(after[key]);

  if ((changed('startTime') || changed('endTime')) && text(after.startTime) && text(after.endTime)) {
    const when = (s: Snapshot) =>
      `${formatShortDay(String(s.startTime), timeZone)}, ${formatTimeRange(String(s.startTime), String(s.endTime), timeZone)}`;
    lines.push(t('appointments.history.changes.time', { from: when(before), to: when(after) }));
  }
  if (changed('title') && text(after.title)) {
    lines.push(
      t('appointments.history.changes.title', { from: text(before.title) ?? '—', to: text(after.title) }),
    );
  }
  if (changed('location')) {
    lines.push(
      text(after.location)
        ? t('appointments.history.changes.location', { to: text(after.location) })
        : t('appointments.history.changes.locationRemoved'),
    );
  }
  if (changed('price') && typeof after.price === 'number') {
    lines.push(
      t('appointments.history.changes.price', {
        to: formatMoney(after.price, text(after.currency) ?? 'EUR'),
      }),
    );
  }
  if (changed('lagoInvoiceId') && text(after.lagoInvoiceId))
    lines.push(t('appointments.history.changes.invoiced'));
  // Taken off the appointment: voided, since it billed an old price (or the practice voided it in Lago).
  if (changed('lagoInvoiceId') && !text(after.lagoInvoiceId) && text(before.lagoInvoiceId)) {
    const number = text(before.lagoInvoiceNumber) ?? text(before.lagoInvoiceId);
    lines.push(t('appointments.history.changes.invoiceVoided', { number }));
  }
  if (changed('isPaid')) {
    // A person marks a payment taken at the desk (or takes that mark back); Lago reports one made online.
    const paid = event.actorType === 'user' ? 'markedPaid' : 'paid';
    lines.push(t(`appointments.history.changes.${after.isPaid === true ? paid : 'unpaid'}`));
  }
  if (lines.length === 0) return null;
  return (
    <ul className="mt-1.5 space-y-0.5 text-sm text-slate-600">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
