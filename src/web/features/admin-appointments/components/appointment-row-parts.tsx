import { useTranslation } from 'react-i18next';
import type { AdminAppointment } from '../../../../shared/admin-appointments.ts';
import { Badge } from '../../../components/badge.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { clientEmail, clientName } from '../lib/export-appointments.ts';

/** Free, or the price with a paid / unpaid badge. */
export function PriceCell({ appointment: a }: { appointment: AdminAppointment }) {
  const { t } = useTranslation();
  if (a.type === 'free') return <span className="text-slate-500">{t('adminAppointments.type.free')}</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <span className="font-medium text-slate-900 tabular-nums">{formatMoney(a.price, a.currency)}</span>
      <Badge tone={a.isPaid ? 'emerald' : 'amber'}>
        {t(a.isPaid ? 'adminAppointments.paid' : 'adminAppointments.unpaid')}
      </Badge>
    </span>
  );
}

/** The client's name and email, or a plain "no client" for a slot booked without one. */
export function ClientCell({ appointment: a }: { appointment: AdminAppointment }) {
  const { t } = useTranslation();
  const name = clientName(a);
  const email = clientEmail(a);
  if (!name && !email) return <span className="text-slate-500">{t('adminAppointments.noClient')}</span>;
  return (
    <span className="block min-w-0">
      <span className="block truncate font-medium text-slate-900" title={name ?? email ?? undefined}>
        {name ?? email}
      </span>
      {name && email ? (
        <span className="block truncate text-slate-500" title={email}>
          {email}
        </span>
      ) : null}
    </span>
  );
}
