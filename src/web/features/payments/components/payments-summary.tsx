import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../shared/billing.ts';
import { CheckCircleIcon, ClockIcon, FileTextIcon } from '../../../components/icons.tsx';
import { StatCard, type StatTone } from '../../../components/stat-card.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { paymentState } from './payment-state.ts';

/** Sums by currency, written out ("€120.00 + £40.00"); a dash when there is nothing. */
function total(payments: Payment[]): string {
  const byCurrency = new Map<string, number>();
  for (const p of payments) byCurrency.set(p.currency, (byCurrency.get(p.currency) ?? 0) + p.amount);
  if (byCurrency.size === 0) return '–';
  return [...byCurrency].map(([currency, cents]) => formatMoney(cents, currency)).join(' + ');
}

/** Three figures: paid so far, still to pay, and invoices issued. */
export function PaymentsSummary({ payments }: { payments: Payment[] }) {
  const { t } = useTranslation();
  const paid = payments.filter((p) => paymentState(p) === 'paid');
  const open = payments.filter((p) => ['due', 'invoiced', 'failed'].includes(paymentState(p)));
  const invoiced = payments.filter((p) => p.invoiceId);
  const tiles: { key: string; value: string; icon: ReactNode; tone: StatTone }[] = [
    { key: 'paid', value: total(paid), icon: <CheckCircleIcon />, tone: 'emerald' },
    { key: 'open', value: total(open), icon: <ClockIcon />, tone: 'amber' },
    { key: 'invoices', value: String(invoiced.length), icon: <FileTextIcon />, tone: 'indigo' },
  ];
  return (
    <ul
      className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 [&>li:last-child:nth-child(odd)]:col-span-2 sm:[&>li:last-child:nth-child(odd)]:col-span-1"
      aria-label={t('payments.summary.label')}
    >
      {tiles.map((tile) => (
        <StatCard
          key={tile.key}
          as="li"
          label={t(`payments.summary.${tile.key}`)}
          value={tile.value}
          icon={tile.icon}
          tone={tile.tone}
        />
      ))}
    </ul>
  );
}
