import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Payment } from '../../../../shared/billing.ts';
import { Badge } from '../../../components/badge.tsx';
import { buttonClasses } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { formatMoney, formatShortDay, formatTime } from '../../../lib/format.ts';
import { nameBesideTitle } from '../../../lib/person-name.ts';
import { startPaymentState } from '../../../lib/start-payment.ts';
import { paymentState, paymentTones } from './payment-state.ts';

interface PaymentsListProps {
  payments: Payment[];
  timeZone: string;
  /** Staff see whose appointment each payment is, and invoice it rather than pay. */
  isStaff: boolean;
  /** The appointment's page, where the payment is made. */
  appointmentHref: (id: string) => string;
}

/** Paid appointments, latest first: when, what, how much, and where the payment stands. */
export function PaymentsList({ payments, timeZone, isStaff, appointmentHref }: PaymentsListProps) {
  const { t } = useTranslation();
  return (
    <Card>
      <ul className="divide-y divide-slate-100">
        {payments.map((p) => {
          const state = paymentState(p);
          return (
            <li key={p.appointmentId} className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-semibold text-slate-900">
                  <Link
                    to={appointmentHref(p.appointmentId)}
                    className="hover:underline focus-visible:outline-2 focus-visible:outline-teal-600"
                  >
                    {p.title}
                  </Link>
                </p>
                <p className="text-sm text-slate-500">
                  <span className="first-letter:uppercase">{formatShortDay(p.startTime, timeZone)}</span>,{' '}
                  {formatTime(p.startTime, timeZone)}
                  {isStaff && nameBesideTitle(p.title, p.clientName) ? ` · ${p.clientName}` : ''}
                  {p.invoiceNumber ? ` · ${t('payments.invoiceNumber', { number: p.invoiceNumber })}` : ''}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-3 sm:justify-end">
                <p className="text-sm font-semibold text-slate-900 tabular-nums">
                  {formatMoney(p.amount, p.currency)}
                </p>
                <Badge tone={paymentTones[state]}>{t(`payments.state.${state}`)}</Badge>
                {/* Staff learn here that a client cannot pay online; the appointment says why. */}
                {isStaff && p.providerRefused ? (
                  <Badge tone="rose">{t('payments.providerRefused')}</Badge>
                ) : null}
                {/* Clients pay; staff invoice, once: an issued invoice waits for the client. */}
                {p.canPay && (!isStaff || state === 'due') ? (
                  <Link
                    to={appointmentHref(p.appointmentId)}
                    // A client's Pay goes on to the payment; staff check the invoice before issuing it.
                    state={isStaff ? undefined : startPaymentState}
                    className={buttonClasses('primary', 'sm', 'ml-auto sm:ml-0')}
                  >
                    {t(isStaff ? 'payments.invoice' : 'payments.pay')}
                    <span className="sr-only">: {p.title}</span>
                  </Link>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
