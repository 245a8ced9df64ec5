import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { Appointment } from '../../../../shared/appointments.ts';
import type { Role } from '../../../../shared/auth.ts';
import type { PayResult } from '../../../../shared/billing.ts';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import {
  BanIcon,
  CheckCircleIcon,
  CheckIcon,
  CopyIcon,
  CreditCardIcon,
  PencilIcon,
  SparklesIcon,
  UserXIcon,
  WalletIcon,
  XCircleIcon,
} from '../../../components/icons.tsx';
import { MarkPaidDialog, type PaymentMark } from '../../../components/mark-paid-dialog.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { formatMoney } from '../../../lib/format.ts';
import { isAwaitingPayment, isMarkedPaid } from '../../../lib/mark-paid.ts';
import { paths } from '../../../lib/paths.ts';
import { asksToStartPayment } from '../../../lib/start-payment.ts';
import { usePayAppointment } from '../api/pay-appointment.ts';
import { type StatusChange, useUpdateAppointmentStatus } from '../api/update-appointment.ts';
import { mayCancelAppointment, mayChangeAppointment } from '../lib/may-change.ts';

interface AppointmentActionsProps {
  appointment: Appointment;
  role: Role;
}

type Pending = StatusChange['status'] | null;

/**
 * What the reader may do now, and only that: a client confirms what the practice proposed,
 * changes their own request and cancels; staff also reschedule, mark completed or no-show; an
 * unpaid paid appointment can be paid, and staff mark it paid when the client paid at the desk
 * (or take back that mark; never a payment Lago reported).
 */
export function AppointmentActions({ appointment: a, role }: AppointmentActionsProps) {
  const { t } = useTranslation();
  const update = useUpdateAppointmentStatus();
  const [asking, setAsking] = useState<Pending>(null);
  const [marking, setMarking] = useState<PaymentMark | null>(null);
  const isStaff = role !== 'client';
  const canConfirm = a.status === 'pending' && (isStaff || a.source !== 'client');
  const canCancel = mayCancelAppointment(a, isStaff);
  const canChange = mayChangeAppointment(a, isStaff);
  const canClose = isStaff && a.status === 'confirmed';
  const canPay = isAwaitingPayment(a);
  const canUnmarkPaid = isStaff && isMarkedPaid(a);
  const waitsForPractice = !isStaff && a.status === 'pending' && a.source === 'client';

  const change = (status: StatusChange['status']) =>
    update.mutate(
      { id: a.id, status },
      {
        onSuccess: () => {
          toast.success(t(`appointments.actions.done.${status}`));
          setAsking(null);
        },
        onError: (error) => {
          setAsking(null);
          toast.error(t('appointments.actions.failed', { reason: errorText(t, error) }));
        },
      },
    );

  const isFinal = a.status === 'cancelled' || a.status === 'completed' || a.status === 'no_show';
  const nothingToDo = !canConfirm && !canCancel && !canClose && !canPay && !canChange && !canUnmarkPaid;

  return (
    <Card>
      <CardHeader icon={<SparklesIcon />} title={t('appointments.actions.title')} />
      <CardBody className="space-y-3">
        {waitsForPractice ? (
          <p className="rounded-xl bg-amber-50 px-3.5 py-2.5 text-sm text-amber-900">
            {t('appointments.actions.waitsForPractice')}
          </p>
        ) : null}
        {isFinal || nothingToDo ? (
          <p className="text-sm text-slate-600">{t(`appointments.actions.final.${a.status}`)}</p>
        ) : null}
        <div className="flex flex-col gap-2">
          {canConfirm ? (
            <Button
              icon={<CheckIcon className="size-4" />}
              onClick={() => change('confirmed')}
              isLoading={update.isPending && update.variables?.status === 'confirmed'}
            >
              {t('appointments.actions.confirm')}
            </Button>
          ) : null}
          {canClose ? (
            <>
              <Button
                variant="secondary"
                icon={<CheckCircleIcon className="size-4" />}
                onClick={() => setAsking('completed')}
              >
                {t('appointments.actions.complete')}
              </Button>
              <Button
                variant="secondary"
                icon={<UserXIcon className="size-4" />}
                onClick={() => setAsking('no_show')}
              >
                {t('appointments.actions.noShow')}
              </Button>
            </>
          ) : null}
          {canChange ? (
            <ButtonLink
              variant="secondary"
              to={paths.dashboard.editAppointment(a.id)}
              icon={<PencilIcon className="size-4" />}
            >
              {t(`appointments.actions.change.${isStaff ? 'staff' : 'client'}`)}
            </ButtonLink>
          ) : null}
          {canCancel ? (
            <Button
              variant="danger-secondary"
              icon={<XCircleIcon className="size-4" />}
              onClick={() => setAsking('cancelled')}
            >
              {t('appointments.actions.cancel')}
            </Button>
          ) : null}
        </div>
        {canPay ? (
          <PayPanel
            appointment={a}
            isStaff={isStaff}
            onMarkPaid={() => setMarking({ appointment: a, isPaid: true })}
          />
        ) : null}
        {canUnmarkPaid ? (
          <div className="mt-2 flex flex-wrap items-center justify-between gap-x-3 gap-y-2 rounded-xl border border-emerald-200 bg-emerald-50/70 px-4 py-3">
            <p className="text-sm text-emerald-900">{t('paymentMark.paidAtDesk')}</p>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => setMarking({ appointment: a, isPaid: false })}
            >
              {t('paymentMark.markUnpaid')}
            </Button>
          </div>
        ) : null}
      </CardBody>
      <MarkPaidDialog mark={marking} onClose={() => setMarking(null)} />
      <ConfirmDialog
        open={asking !== null}
        onClose={() => setAsking(null)}
        onConfirm={() => asking && change(asking)}
        title={asking ? t(`appointments.actions.ask.${asking}.title`) : ''}
        body={asking ? t(`appointments.actions.ask.${asking}.body`, { title: a.title }) : ''}
        confirmLabel={asking ? t(`appointments.actions.ask.${asking}.confirm`) : ''}
        cancelLabel={t('appointments.actions.ask.keep')}
        tone={asking === 'cancelled' ? 'danger' : 'primary'}
        isLoading={update.isPending}
      />
    </Card>
  );
}

/** How often, and how many times, the page asks again for a payment link Lago is preparing. */
const PREPARING_RETRY_MS = 3_000;
const PREPARING_RETRIES = 10;

interface PayPanelProps {
  appointment: Appointment;
  isStaff: boolean;
  /** Staff: the client paid at the desk instead. */
  onMarkPaid: () => void;
}

/**
 * The Pay button and what came of it: the invoice, or why it could not be made. Staff do not
 * pay: the same request issues the client's invoice, and says so; once issued, it waits. A link
 * Lago is still preparing (a new client's account at the payment provider) is asked for again
 * every few seconds for half a minute, then left to a button. Staff can also record a payment
 * taken at the desk, whatever the invoice's state.
 */
function PayPanel({ appointment: a, isStaff, onMarkPaid }: PayPanelProps) {
  const { t } = useTranslation();
  const words = isStaff ? 'appointments.pay.staff' : 'appointments.pay';
  const pay = usePayAppointment();
  const [invoice, setInvoice] = useState<PayResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [retries, setRetries] = useState(0);

  const ask = (isRetry: boolean, { askProviderAgain = false } = {}) => {
    setFailure(null);
    if (!isRetry) setRetries(0);
    // Said once, when it is new: asking again for an issued invoice's link creates nothing.
    const isNewInvoice = !isRetry && !invoice && !a.lagoInvoiceId;
    pay.mutate(
      { id: a.id, askProviderAgain },
      {
        onSuccess: (result) => {
          setInvoice(result);
          // The client came to pay: straight on to the payment provider's page when there is one.
          if (result.paymentUrl && !isStaff) window.location.assign(result.paymentUrl);
          else if (isNewInvoice)
            toast.success(t('appointments.pay.created', { number: result.invoiceNumber }));
        },
        onError: (error) => {
          const code = isApiError(error) ? error.code : '';
          // An answer the payment route never gives means this server cannot take payments yet.
          const key = isApiError(error) && error.status === 404 ? 'NOT_AVAILABLE' : code;
          // Staff words where they differ from a client's, then the shared ones, then the generic.
          const specific = [`${words}.errors.${key}`, `appointments.pay.errors.${key}`];
          setFailure(t([...specific, `${words}.errors.generic`], { reason: errorText(t, error) }));
        },
      },
    );
  };

  // Arrived from a Pay elsewhere (the payments list): start at once, once. The router state is
  // cleared first, so coming back to this page from the payment page does not start it again.
  const location = useLocation();
  const navigate = useNavigate();
  const hasStarted = useRef(false);
  const startOnArrival = useEffectEvent(() => {
    if (hasStarted.current || !asksToStartPayment(location.state)) return;
    hasStarted.current = true;
    void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
    ask(false);
  });
  useEffect(() => startOnArrival(), []);

  const isPreparing = invoice?.paymentUrlPending === true && retries < PREPARING_RETRIES && !failure;
  const askAgain = useEffectEvent(() => {
    setRetries((count) => count + 1);
    ask(true);
  });
  // Each answer is a new `invoice`: the next try is planned from it, and none after a failure.
  useEffect(() => {
    if (!isPreparing || !invoice) return;
    const timer = setTimeout(askAgain, PREPARING_RETRY_MS);
    return () => clearTimeout(timer);
  }, [isPreparing, invoice]);

  return (
    <div className="mt-2 rounded-xl border border-slate-200 bg-slate-50/70 p-4">
      <p className="text-sm text-slate-700">
        {t(`${words}.due`, { price: formatMoney(a.price, a.currency) })}
      </p>
      {isStaff && a.lagoInvoiceId && !invoice ? (
        <div className="mt-2 space-y-2">
          <p className="text-sm text-slate-600">{t('appointments.pay.staff.awaiting')}</p>
          {/* The same request answers the issued invoice again, with a fresh payment link. */}
          <Button size="sm" variant="secondary" onClick={() => ask(false)} isLoading={pay.isPending}>
            {t('appointments.pay.staff.showLink')}
          </Button>
        </div>
      ) : null}
      {invoice ? <IssuedInvoice invoice={invoice} isStaff={isStaff} isPreparing={isPreparing} /> : null}
      {failure ? (
        <p role="alert" className="mt-2 flex items-start gap-2 text-sm text-rose-800">
          <BanIcon className="mt-0.5 size-4 shrink-0" />
          {failure}
        </p>
      ) : null}
      {(invoice?.paymentUrlPending && !isPreparing) || invoice?.providerRefusal ? (
        <Button
          size="sm"
          variant="secondary"
          className="mt-3"
          // Staff press it once they have fixed what the provider refused: it is asked at once.
          onClick={() => ask(false, { askProviderAgain: isStaff && Boolean(invoice?.providerRefusal) })}
          isLoading={pay.isPending}
        >
          {t('appointments.pay.tryAgain')}
        </Button>
      ) : null}
      {invoice || (isStaff && a.lagoInvoiceId) ? null : (
        <Button
          className="mt-3 w-full"
          onClick={() => ask(false)}
          isLoading={pay.isPending}
          icon={<CreditCardIcon className="size-4" />}
        >
          {t(`${words}.button`, { price: formatMoney(a.price, a.currency) })}
        </Button>
      )}
      {isStaff ? (
        <Button
          variant="secondary"
          className="mt-2 w-full"
          onClick={onMarkPaid}
          icon={<WalletIcon className="size-4" />}
        >
          {t('paymentMark.markPaid')}
        </Button>
      ) : null}
    </div>
  );
}

interface IssuedInvoiceProps {
  invoice: PayResult;
  isStaff: boolean;
  /** The payment link is not ready yet and the page is asking for it again. */
  isPreparing: boolean;
}

/** What came of Pay: the invoice, then the way to pay it (or word that it is paid elsewhere). */
function IssuedInvoice({ invoice, isStaff, isPreparing }: IssuedInvoiceProps) {
  const { t } = useTranslation();
  const words = { number: invoice.invoiceNumber, amount: formatMoney(invoice.amount, invoice.currency) };
  const waiting = isPreparing ? (
    <p role="status" className="mt-2 flex items-center gap-2 text-sm text-slate-600">
      <Spinner className="size-4" />
      {t(isStaff ? 'appointments.pay.staff.preparing' : 'appointments.pay.preparing')}
    </p>
  ) : (
    <p className="mt-2 text-sm text-slate-600">
      {t(isStaff ? 'appointments.pay.staff.notReady' : 'appointments.pay.notReady')}
    </p>
  );
  if (!isStaff) {
    if (invoice.providerRefusal) {
      return (
        <>
          <p className="mt-2 text-sm text-emerald-800">{t('appointments.pay.invoice', words)}</p>
          <p role="alert" className="mt-2 text-sm text-amber-900">
            {t('appointments.pay.refused')}{' '}
            <Link to={paths.dashboard.profile} className="font-medium underline underline-offset-2">
              {t('appointments.pay.openProfile')}
            </Link>
          </p>
        </>
      );
    }
    if (invoice.paymentUrl || !invoice.paymentUrlPending) {
      return (
        <p role="status" className="mt-2 text-sm text-emerald-800">
          {invoice.paymentUrl
            ? t('appointments.pay.leaving', words)
            : `${t('appointments.pay.invoice', words)} ${t('appointments.pay.offline')}`}
        </p>
      );
    }
    return (
      <>
        <p className="mt-2 text-sm text-emerald-800">{t('appointments.pay.invoice', words)}</p>
        {waiting}
      </>
    );
  }
  return (
    <>
      <p role="status" className="mt-2 text-sm text-emerald-800">
        {t('appointments.pay.staff.invoice', words)}
      </p>
      {invoice.paymentUrl ? (
        <PaymentLink url={invoice.paymentUrl} />
      ) : invoice.providerRefusal ? (
        <div role="alert" className="mt-2 space-y-1 text-sm text-amber-900">
          <p>{t('appointments.pay.staff.refused')}</p>
          {invoice.providerRefusal.message ? (
            <p className="break-words">
              {t('appointments.pay.staff.refusedSaying', { message: invoice.providerRefusal.message })}
            </p>
          ) : null}
        </div>
      ) : invoice.paymentUrlPending ? (
        waiting
      ) : (
        <p className="mt-2 text-sm text-slate-600">{t('appointments.pay.staff.noLink')}</p>
      )}
    </>
  );
}

/** Staff's copy of the client's payment page, to send to someone booked by phone. */
function PaymentLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      toast.success(t('appointments.pay.staff.linkCopied'));
    } catch {
      toast.error(t('appointments.pay.staff.linkCopyFailed'));
    }
  };
  return (
    <div className="mt-3 space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {t('appointments.pay.staff.link')}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-mono text-xs text-slate-700"
        />
        <Button size="sm" variant="secondary" onClick={copy} icon={<CopyIcon className="size-4" />}>
          {t('appointments.pay.staff.copyLink')}
        </Button>
      </div>
    </div>
  );
}
