import { useTranslation } from 'react-i18next';
import type { Payment } from '../../../../shared/billing.ts';
import { CheckCircleIcon, ClockIcon, FileTextIcon } from '../../../components/icons.tsx';
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
  const tiles = [
    {
      key: 'paid',
      value: total(paid),
      icon: <CheckCircleIcon className="size-5" />,
      tone: 'bg-emerald-50 text-emerald-700',
    },
    {
      key: 'open',
      value: total(open),
      icon: <ClockIcon className="size-5" />,
      tone: 'bg-amber-50 text-amber-700',
    },
    {
      key: 'invoices',
      value: String(invoiced.length),
      icon: <FileTextIcon className="size-5" />,
      tone: 'bg-indigo-50 text-indigo-700',
    },
  ];
  return (
    <ul className="mb-6 grid gap-4 sm:grid-cols-3" aria-label={t('payments.summary.label')}>
      {tiles.map((tile) => (
        <li
          key={tile.key}
          className="flex items-center gap-4 rounded-2xl border border-slate-200/80 bg-white px-5 py-4 shadow-sm shadow-slate-900/5"
        >
          <span className={`flex size-11 shrink-0 items-center justify-center rounded-xl ${tile.tone}`}>
            {tile.icon}
          </span>
          <div className="min-w-0">
            <p className="truncate text-xl font-semibold text-slate-900 tabular-nums">{tile.value}</p>
            <p className="text-sm text-slate-600">{t(`payments.summary.${tile.key}`)}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
