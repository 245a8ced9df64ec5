import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { WalletIcon } from '../../../components/icons.tsx';
import { LoadFailedBlock } from '../../../components/load-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageSpinner } from '../../../components/spinner.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { usePayments } from '../../../features/payments/api/get-payments.ts';
import { PaymentsList } from '../../../features/payments/components/payments-list.tsx';
import { PaymentsSummary } from '../../../features/payments/components/payments-summary.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { paths } from '../../../lib/paths.ts';

/** Paid appointments and their invoices: what is paid, what is still due. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const payments = usePayments();
  const audience = me.role === 'client' ? 'client' : 'staff';
  return (
    <>
      <PageHeader title={t('payments.title')} description={t(`payments.description.${audience}`)} />
      {payments.isPending ? (
        <PageSpinner label={t('payments.loading')} />
      ) : payments.isError ? (
        <Card>
          <LoadFailedBlock
            message={t('payments.loadFailed', { reason: errorText(t, payments.error) })}
            retryLabel={t('payments.retry')}
            onRetry={() => payments.refetch()}
          />
        </Card>
      ) : payments.data.length === 0 ? (
        <Card>
          <EmptyState
            icon={<WalletIcon className="size-6" />}
            title={t('payments.empty.title')}
            body={t(`payments.empty.body.${audience}`)}
          />
        </Card>
      ) : (
        <>
          <PaymentsSummary payments={payments.data} />
          <PaymentsList
            payments={payments.data}
            timeZone={me.tenant.timezone}
            isStaff={me.role !== 'client'}
            appointmentHref={paths.dashboard.appointment}
          />
        </>
      )}
    </>
  );
}
