import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { ArrowRightIcon } from '../../../components/icons.tsx';
import { LoadFailedBlock, LoadingBlock } from '../../../components/load-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PendingRequestsCard } from '../../../features/admin-appointments/components/pending-requests-card.tsx';
import { useAppointmentStats } from '../../../features/admin-dashboard/api/get-appointment-stats.ts';
import { MonthChart } from '../../../features/admin-dashboard/components/month-chart.tsx';
import { StatsCards } from '../../../features/admin-dashboard/components/stats-cards.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { CalendarAlerts } from '../../../features/calendar-connections/components/calendar-alerts.tsx';
import { formatMonth } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';

/**
 * /admin: what keeps appointments out of a calendar (if anything), this month's figures, the
 * month day by day, and the requests waiting for an answer.
 */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const stats = useAppointmentStats();
  const timeZone = me.tenant.timezone;

  return (
    <>
      <PageHeader
        title={t('adminDashboard.title')}
        description={
          stats.data
            ? t('adminDashboard.description', {
                tenant: me.tenant.name,
                month: formatMonth(stats.data.month),
              })
            : me.tenant.name
        }
        action={
          <ButtonLink
            to={paths.admin.appointments}
            variant="secondary"
            icon={<ArrowRightIcon className="size-4" />}
          >
            {t('adminDashboard.allAppointments')}
          </ButtonLink>
        }
      />
      <CalendarAlerts />
      <StatsCards />
      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {stats.data ? (
            <MonthChart stats={stats.data} timeZone={timeZone} />
          ) : (
            <Card className="flex h-full min-h-60 items-center justify-center">
              {stats.isError ? (
                <LoadFailedBlock
                  message={t('adminStats.loadFailed')}
                  retryLabel={t('adminStats.retry')}
                  onRetry={() => void stats.refetch()}
                />
              ) : (
                <LoadingBlock label={t('app.loading')} />
              )}
            </Card>
          )}
        </div>
        <PendingRequestsCard
          timeZone={timeZone}
          pendingThisMonth={stats.data?.pending}
          appointmentHref={paths.dashboard.appointment}
        />
      </div>
    </>
  );
}
