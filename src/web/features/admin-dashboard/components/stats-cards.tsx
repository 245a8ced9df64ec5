import { useTranslation } from 'react-i18next';
import type { AppointmentStats } from '../../../../shared/admin-appointments.ts';
import { Card } from '../../../components/card.tsx';
import {
  AlertIcon,
  CalendarDaysIcon,
  CheckCircleIcon,
  ClockIcon,
  WalletIcon,
} from '../../../components/icons.tsx';
import { LoadFailedBlock, LoadingBlock } from '../../../components/load-state.tsx';
import { StatCard } from '../../../components/stat-card.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatMoney } from '../../../lib/format.ts';
import { useAppointmentStats } from '../api/get-appointment-stats.ts';

/** Stats sum appointments of any currency; the server stores EUR unless told otherwise. */
const statsCurrency = 'EUR';

const dots: Record<string, string> = {
  confirmed: 'bg-emerald-500',
  completed: 'bg-slate-400',
  cancelled: 'bg-rose-500',
  noShow: 'bg-rose-300',
  paidAppointments: 'bg-teal-500',
  unpaidAppointments: 'bg-amber-500',
};

function Breakdown({ stats }: { stats: AppointmentStats }) {
  const { t } = useTranslation();
  const items = [
    'confirmed',
    'completed',
    'cancelled',
    'noShow',
    'paidAppointments',
    'unpaidAppointments',
  ] as const;
  return (
    <Card className="mt-3 sm:mt-4">
      <div className="grid grid-cols-2 divide-slate-100 sm:grid-cols-3 lg:grid-cols-6 lg:divide-x">
        {items.map((key) => (
          // biome-ignore lint/a11y/useSemanticElements: a named group of figures, not of form controls (which <fieldset> is for).
          <div
            key={key}
            role="group"
            aria-label={t(`adminStats.${key}`)}
            className="flex flex-col px-4 py-3 sm:px-5"
          >
            <p className="flex items-center gap-2 text-xs font-medium text-slate-600">
              <span aria-hidden="true" className={cn('size-2 shrink-0 rounded-full', dots[key])} />
              {t(`adminStats.${key}`)}
            </p>
            {/* At the bottom: the figures stay on one line when a label wraps. */}
            <p className="mt-auto pt-1 text-lg font-semibold text-slate-900 tabular-nums">{stats[key]}</p>
          </div>
        ))}
      </div>
    </Card>
  );
}

/**
 * This month's figures: four headline tiles (appointments, to confirm, revenue, still owed) and,
 * the breakdown by status and payment; `compactOnPhones` leaves the breakdown to wider screens
 * (where the list below matters more than the figures).
 */
export function StatsCards({ compactOnPhones = false }: { compactOnPhones?: boolean }) {
  const { t } = useTranslation();
  const stats = useAppointmentStats();

  if (stats.isPending) {
    return (
      <Card>
        <LoadingBlock label={t('app.loading')} />
      </Card>
    );
  }
  if (stats.isError) {
    return (
      <Card>
        <LoadFailedBlock
          message={t('adminStats.loadFailed')}
          retryLabel={t('adminStats.retry')}
          onRetry={() => void stats.refetch()}
        />
      </Card>
    );
  }

  const data = stats.data;
  return (
    <section aria-label={t('adminStats.title')}>
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        <StatCard
          label={t('adminStats.total')}
          value={data.total}
          detail={t('adminStats.thisMonth')}
          icon={<CalendarDaysIcon />}
          tone="teal"
        />
        <StatCard
          label={t('adminStats.pending')}
          value={data.pending}
          detail={t('adminStats.pendingDetail')}
          icon={<ClockIcon />}
          tone="amber"
        />
        <StatCard
          label={t('adminStats.revenue')}
          value={formatMoney(data.totalRevenue, statsCurrency)}
          detail={t('adminStats.revenueDetail', { count: data.paidAppointments })}
          icon={<WalletIcon />}
          tone="emerald"
        />
        <StatCard
          label={t('adminStats.unpaid')}
          value={formatMoney(data.unpaidAmount, statsCurrency)}
          detail={t('adminStats.unpaidDetail', { count: data.unpaidAppointments })}
          icon={data.unpaidAmount > 0 ? <AlertIcon /> : <CheckCircleIcon />}
          tone={data.unpaidAmount > 0 ? 'rose' : 'slate'}
        />
      </div>
      <div className={cn(compactOnPhones && 'hidden md:block')}>
        <Breakdown stats={data} />
      </div>
    </section>
  );
}
