import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ButtonLink } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import {
  AlertIcon,
  ArrowRightIcon,
  BuildingIcon,
  CalendarDaysIcon,
  ClockIcon,
  CreditCardIcon,
  PlusIcon,
  UsersIcon,
} from '../../../components/icons.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { usePendingConfirmations } from '../../../features/appointments/api/get-pending-confirmations.ts';
import {
  useUnpaidAppointments,
  useUpcomingAppointments,
} from '../../../features/appointments/api/get-upcoming-appointments.ts';
import { UpcomingAppointments } from '../../../features/appointments/components/upcoming-appointments.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { cn } from '../../../lib/cn.ts';
import { formatMoney } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';

function greetingKey(hour: number) {
  if (hour < 12) return 'overview.greeting.morning';
  if (hour < 18) return 'overview.greeting.afternoon';
  return 'overview.greeting.evening';
}

const statTones = {
  teal: 'bg-teal-50 text-teal-700',
  indigo: 'bg-indigo-50 text-indigo-700',
  amber: 'bg-amber-50 text-amber-700',
} as const;

function Stat({
  label,
  value,
  icon,
  tone,
  to,
}: {
  label: string;
  value: string;
  icon: ReactNode;
  tone: keyof typeof statTones;
  to?: string;
}) {
  return (
    <li className="relative flex items-center gap-4 rounded-2xl border border-slate-200/80 bg-white px-5 py-4 shadow-sm shadow-slate-900/5">
      <span className={cn('flex size-11 shrink-0 items-center justify-center rounded-xl', statTones[tone])}>
        {icon}
      </span>
      <div className="min-w-0">
        <p className="text-2xl font-semibold text-slate-900 tabular-nums">{value}</p>
        <p className="truncate text-sm text-slate-600">
          {to ? (
            <Link to={to} className="after:absolute after:inset-0 after:rounded-2xl hover:underline">
              {label}
            </Link>
          ) : (
            label
          )}
        </p>
      </div>
    </li>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-4 py-2.5">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="truncate text-right text-sm font-medium text-slate-900">{value}</dd>
    </div>
  );
}

export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const isAdmin = me.role === 'owner' || me.role === 'admin';
  const role = t(`roles.${me.role}`);
  const firstName = me.user.name.split(/\s+/)[0] || me.user.name;
  const [now] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString());
  const upcoming = useUpcomingAppointments(now);
  const pending = usePendingConfirmations(me.role, now);
  const unpaid = useUnpaidAppointments();
  const nextFew = upcoming.data?.items.slice(0, 5) ?? [];
  const inAWeek = Date.parse(now) + 7 * 86_400_000;
  const count = (n: number | undefined, more = false) => (n === undefined ? '–' : more ? `${n}+` : String(n));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">
          {t(greetingKey(new Date().getHours()), { name: firstName })}
        </h1>
        <p className="mt-1.5 text-slate-600">
          {t('overview.summary', { tenant: me.tenant.name, role: role.toLowerCase() })}
        </p>
      </div>

      <ul className="grid gap-4 sm:grid-cols-3" aria-label={t('overviewPage.stats.label')}>
        <Stat
          label={t('overviewPage.stats.upcoming')}
          value={count(upcoming.data?.items.length, upcoming.data?.hasMore)}
          icon={<CalendarDaysIcon className="size-5" />}
          tone="teal"
        />
        <Stat
          label={t('overviewPage.stats.thisWeek')}
          value={count(upcoming.data?.items.filter((a) => Date.parse(a.startTime) < inAWeek).length)}
          icon={<ClockIcon className="size-5" />}
          tone="indigo"
        />
        <Stat
          label={t(me.role === 'client' ? 'overviewPage.stats.toConfirm' : 'overviewPage.stats.requests')}
          value={count(pending.data?.length)}
          icon={<AlertIcon className="size-5" />}
          tone="amber"
          to={pending.data?.length ? paths.dashboard.appointments : undefined}
        />
      </ul>

      <div className="grid gap-5 lg:grid-cols-3">
        <Card className="lg:col-span-2 lg:row-span-2">
          <CardHeader
            icon={<CalendarDaysIcon />}
            title={t('overview.upcoming.title')}
            action={
              <ButtonLink to={paths.dashboard.appointments} variant="ghost" size="sm">
                {t('overview.upcoming.action')}
                <ArrowRightIcon className="size-4" />
              </ButtonLink>
            }
          />
          {upcoming.isPending ? (
            <p className="flex items-center gap-2 px-5 py-8 text-sm text-slate-500" role="status">
              <Spinner className="size-4" />
              {t('app.loading')}
            </p>
          ) : nextFew.length > 0 ? (
            <UpcomingAppointments
              appointments={nextFew}
              timeZone={me.tenant.timezone}
              showAttendee={me.role !== 'client'}
            />
          ) : (
            <EmptyState
              icon={<ClockIcon className="size-6" />}
              title={t('overviewPage.emptyTitle')}
              body={t('overview.upcoming.empty')}
              action={
                <ButtonLink
                  to={paths.dashboard.newAppointment}
                  variant="secondary"
                  icon={<PlusIcon className="size-4" />}
                >
                  {t('overviewPage.request')}
                </ButtonLink>
              }
            />
          )}
        </Card>

        <Card>
          <CardHeader icon={<BuildingIcon />} title={t('overview.practice.title')} />
          <CardBody className="py-2">
            <dl className="divide-y divide-slate-100">
              <Fact label={t('overview.practice.name')} value={me.tenant.name} />
              <Fact label={t('overview.practice.timezone')} value={me.tenant.timezone.replaceAll('_', ' ')} />
              <Fact label={t('overview.practice.role')} value={role} />
            </dl>
          </CardBody>
        </Card>

        <Card>
          <CardHeader icon={<CreditCardIcon />} title={t('overview.payments.title')} />
          <CardBody>
            <p className="text-sm text-slate-600">
              {unpaid.data && unpaid.data.length > 0
                ? t('overviewPage.paymentsDue', {
                    count: unpaid.data.length,
                    amount: formatMoney(
                      unpaid.data.reduce((sum, a) => sum + a.price, 0),
                      unpaid.data[0]!.currency,
                    ),
                  })
                : t('overview.payments.empty')}
            </p>
            <ButtonLink to={paths.dashboard.payments} variant="ghost" size="sm" className="mt-3 -ml-3">
              {t('overview.payments.action')}
              <ArrowRightIcon className="size-4" />
            </ButtonLink>
          </CardBody>
        </Card>

        {isAdmin ? (
          <Card className="lg:col-span-2">
            <CardHeader icon={<UsersIcon />} title={t('overview.team.title')} />
            <CardBody>
              <p className="text-sm text-slate-600">{t('overview.team.body')}</p>
              <ButtonLink to={paths.admin.users} variant="ghost" size="sm" className="mt-3 -ml-3">
                {t('overview.team.action')}
                <ArrowRightIcon className="size-4" />
              </ButtonLink>
            </CardBody>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
