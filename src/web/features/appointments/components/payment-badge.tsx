import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../../shared/appointments.ts';
import { Badge } from '../../../components/badge.tsx';
import { formatMoney } from '../../../lib/format.ts';

/** A paid appointment's price and where its payment stands: paid, pending, failed or to pay. */
export function PaymentBadge({ appointment: a }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const price = formatMoney(a.price, a.currency);
  if (a.isPaid) return <Badge tone="emerald">{t('appointments.payment.paid', { price })}</Badge>;
  if (a.paymentStatus === 'failed')
    return <Badge tone="rose">{t('appointments.payment.failed', { price })}</Badge>;
  if (a.paymentStatus === 'pending' || a.lagoInvoiceId)
    return <Badge tone="indigo">{t('appointments.payment.invoiced', { price })}</Badge>;
  return <Badge tone="amber">{t('appointments.payment.unpaid', { price })}</Badge>;
}
