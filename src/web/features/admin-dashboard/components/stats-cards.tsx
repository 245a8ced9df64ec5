import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentStats } from '../../../../shared/admin-appointments.ts';
import { Button } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import {
  AlertIcon,
  CalendarDaysIcon,
  CheckCircleIcon,
  ClockIcon,
  WalletIcon,
} from '../../../components/icons.tsx';
import { LoadingBlock } from '../../../components/load-state.tsx';
import { cn } from '../../../lib/cn.ts';
import { formatMoney } from '../../../lib/format.ts';
import { useAppointmentStats } from '../api/get-appointment-stats.ts';

/** Stats sum appointments of any currency; the server stores EUR unless told otherwise. */
const statsCurrency = 'EUR';

type Tone = 'teal' | 'amber' | 'emerald' | 'rose' | 'slate';

const iconTones: Record<Tone, string> = {
  teal: 'bg-teal-50 text-teal-700',
  amber: 'bg-amber-50 text-amber-700',
  emerald: 'bg-emerald-50 text-emerald-700',
  rose: 'bg-rose-50 text-rose-700',
  slate: 'bg-slate-100 text-slate-600',
};

function StatTile({
  label,
  value,
  detail,
  icon,
  tone,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  icon: ReactNode;
  tone: Tone;
}) {
  return (
    <Card role="group" aria-label={label} className="flex items-start gap-3 p-4 sm:p-5">
      <span
        className={cn(
          'hidden size-10 shrink-0 items-center justify-center rounded-xl sm:flex',
          iconTones[tone],
        )}
      >
        {icon}
      </span>
      <div className="min-w-0">
        <p className="flex items-center gap-1.5 text-sm font-medium text-slate-600">
          <span
            className={cn(
              'flex size-6 items-center justify-center rounded-md sm:hidden [&>svg]:size-4',
              iconTones[tone],
            )}
          >
            {icon}
          </span>
          {label}
        </p>
        <p className="mt-1 text-xl font-semibold tracking-tight text-slate-900 tabular-nums sm:mt-0.5 sm:text-2xl">
          {value}
        </p>
        {detail ? <p className="mt-0.5 text-xs text-slate-500">{detail}</p> : null}
      </div>
    </Card>
  );
}

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
          <div key={key} role="group" aria-label={t(`adminStats.${key}`)} className="px-4 py-3 sm:px-5">
            <p className="flex items-center gap-2 text-xs font-medium text-slate-600">
              <span aria-hidden="true" className={cn('size-2 rounded-full', dots[key])} />
              {t(`adminStats.${key}`)}
            </p>
            <p className="mt-1 text-lg font-semibold text-slate-900 tabular-nums">{stats[key]}</p>
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
      <Card className="flex flex-col items-center gap-3 px-5 py-8 text-center sm:flex-row sm:text-left">
        <AlertIcon className="size-5 shrink-0 text-rose-600" />
        <p className="flex-1 text-sm text-slate-700">{t('adminStats.loadFailed')}</p>
        <Button variant="secondary" size="sm" onClick={() => void stats.refetch()}>
          {t('adminStats.retry')}
        </Button>
      </Card>
    );
  }

  const data = stats.data;
  return (
    <section aria-label={t('adminStats.title')}>
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        <StatTile
          label={t('adminStats.total')}
          value={data.total}
          detail={t('adminStats.thisMonth')}
          icon={<CalendarDaysIcon />}
          tone="teal"
        />
        <StatTile
          label={t('adminStats.pending')}
          value={data.pending}
          detail={t('adminStats.pendingDetail')}
          icon={<ClockIcon />}
          tone="amber"
        />
        <StatTile
          label={t('adminStats.revenue')}
          value={formatMoney(data.totalRevenue, statsCurrency)}
          detail={t('adminStats.revenueDetail', { count: data.paidAppointments })}
          icon={<WalletIcon />}
          tone="emerald"
        />
        <StatTile
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
