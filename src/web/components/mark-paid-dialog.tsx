import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Appointment } from '../../shared/appointments.ts';
import { isApiError } from '../lib/api-client.ts';
import { errorText } from '../lib/form-errors.ts';
import { formatMoney } from '../lib/format.ts';
import { useMarkPaid } from '../lib/mark-paid.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

export interface PaymentMark {
  appointment: Pick<Appointment, 'id' | 'title' | 'price' | 'currency' | 'lagoInvoiceId'>;
  /** true: the client paid at the desk; false: that mark was a mistake. */
  isPaid: boolean;
}

/** Codes with words of their own; the rest get the app's usual sentence. */
const ownErrors = ['NOT_PAYABLE', 'INVALID_STATE', 'NOT_FOUND'];

/**
 * Asks before staff mark an appointment paid at the desk (or take that mark back), saying what
 * it does, then does it. A failure is said in the dialog, where it is read.
 */
export function MarkPaidDialog({ mark, onClose }: { mark: PaymentMark | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useMarkPaid();
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const words = mark?.isPaid ? 'paymentMark.paid' : 'paymentMark.unpaid';

  const confirm = () => {
    if (!mark) return;
    setError(null);
    update.mutate(
      { id: mark.appointment.id, isPaid: mark.isPaid },
      {
        onSuccess: () => {
          toast.success(t(`${words}.done`, { title: mark.appointment.title }));
          close();
        },
        onError: (failure) => {
          const code = isApiError(failure) ? failure.code : '';
          setError(ownErrors.includes(code) ? t(`paymentMark.errors.${code}`) : errorText(t, failure));
        },
      },
    );
  };

  const body = mark ? (
    <>
      {t(`${words}.body`, {
        title: mark.appointment.title,
        price: formatMoney(mark.appointment.price, mark.appointment.currency),
      })}
      {/* The server tells Lago, so the invoice is neither dunned nor paid twice. */}
      {mark.appointment.lagoInvoiceId ? ` ${t(`${words}.invoice`)}` : null}
    </>
  ) : (
    ''
  );

  return (
    <ConfirmDialog
      open={mark !== null}
      onClose={close}
      onConfirm={confirm}
      title={mark ? t(`${words}.title`) : ''}
      body={body}
      confirmLabel={mark ? t(`${words}.confirm`) : ''}
      cancelLabel={t('paymentMark.keep')}
      // Taking a payment back is the one to think twice about: focus starts on "Go back".
      tone={mark?.isPaid ? 'primary' : 'danger'}
      isLoading={update.isPending}
      error={error}
    />
  );
}
