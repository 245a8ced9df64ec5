import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { LoadingBlock } from '../../../components/load-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { StatCard } from '../../../components/stat-card.tsx';
import { usePendingConfirmations } from '../../../features/appointments/api/get-pending-confirmations.ts';
import {
  useUnpaidAppointments,
  useUpcomingAppointments,
} from '../../../features/appointments/api/get-upcoming-appointments.ts';
import { UpcomingAppointments } from '../../../features/appointments/components/upcoming-appointments.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { CalendarAlerts } from '../../../features/calendar-connections/components/calendar-alerts.tsx';
import { usePracticeSetup } from '../../../features/practice-setup/api/get-practice-setup.ts';
import { needsSetup, SetupChecklist } from '../../../features/practice-setup/components/setup-checklist.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { greetingName } from '../../../lib/person-name.ts';

function greetingKey(hour: number) {
  if (hour < 12) return 'overview.greeting.morning';
  if (hour < 18) return 'overview.greeting.afternoon';
  return 'overview.greeting.evening';
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
  const [now] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString());
  const upcoming = useUpcomingAppointments(now);
  const pending = usePendingConfirmations(me.role, now);
  const unpaid = useUnpaidAppointments();
  const setup = usePracticeSetup(isAdmin);
  const nextFew = upcoming.data?.items.slice(0, 5) ?? [];
  const inAWeek = Date.parse(now) + 7 * 86_400_000;
  const count = (n: number | undefined, more = false) => (n === undefined ? '–' : more ? `${n}+` : String(n));

  return (
    <>
      <PageHeader
        title={t(greetingKey(new Date().getHours()), { name: greetingName(me.user.name) })}
        description={t('overview.summary', { tenant: me.tenant.name, role: role.toLowerCase() })}
      />

      <CalendarAlerts />

      {setup.data && needsSetup(setup.data) ? (
        <div className="mb-6">
          <SetupChecklist
            setup={setup.data}
            links={{
              openingHours: paths.admin.settings,
              services: paths.admin.products,
              people: paths.admin.users,
              calendar: paths.dashboard.calendarSettings,
              assistant: paths.admin.assistants,
            }}
          />
        </div>
      ) : null}

      <ul
        className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 [&>li:last-child]:col-span-2 sm:[&>li:last-child]:col-span-1"
        aria-label={t('overviewPage.stats.label')}
      >
        <StatCard
          as="li"
          label={t('overviewPage.stats.upcoming')}
          value={count(upcoming.data?.items.length, upcoming.data?.hasMore)}
          icon={<CalendarDaysIcon />}
          tone="teal"
        />
        <StatCard
          as="li"
          label={t('overviewPage.stats.thisWeek')}
          value={count(upcoming.data?.items.filter((a) => Date.parse(a.startTime) < inAWeek).length)}
          icon={<ClockIcon />}
          tone="indigo"
        />
        <StatCard
          as="li"
          label={t(me.role === 'client' ? 'overviewPage.stats.toConfirm' : 'overviewPage.stats.requests')}
          value={count(pending.data?.length)}
          icon={<AlertIcon />}
          tone="amber"
          to={pending.data?.length ? paths.dashboard.appointments : undefined}
        />
      </ul>

      {/* Two columns on a wide screen, each as tall as its cards (a short list leaves no empty
          card); on a phone one column, the team last. */}
      <div className="grid grid-cols-1 items-start gap-5 lg:grid-cols-3">
        <div className="contents lg:col-span-2 lg:flex lg:flex-col lg:gap-5">
          <Card>
            <CardHeader
              icon={<CalendarDaysIcon />}
              title={t('overview.upcoming.title')}
              action={
                <ButtonLink to={paths.dashboard.appointments} variant="ghost" size="sm">
                  {/* A phone has room for the title or the words, not both: the arrow stays. */}
                  <span className="sr-only sm:not-sr-only">{t('overview.upcoming.action')}</span>
                  <ArrowRightIcon className="size-4" />
                </ButtonLink>
              }
            />
            {upcoming.isPending ? (
              <LoadingBlock label={t('app.loading')} />
            ) : nextFew.length > 0 ? (
              <UpcomingAppointments
                appointments={nextFew}
                timeZone={me.tenant.timezone}
                isStaff={me.role !== 'client'}
              />
            ) : (
              <EmptyState
                icon={<ClockIcon className="size-6" />}
                title={t('overviewPage.emptyTitle')}
                body={t('overview.upcoming.empty')}
                action={
                  <ButtonLink to={paths.dashboard.newAppointment} icon={<PlusIcon className="size-4" />}>
                    {t(`overviewPage.request.${me.role === 'client' ? 'client' : 'staff'}`)}
                  </ButtonLink>
                }
              />
            )}
          </Card>

          {isAdmin ? (
            <Card className="order-last lg:order-none">
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

        <div className="contents lg:flex lg:flex-col lg:gap-5">
          <Card>
            <CardHeader icon={<BuildingIcon />} title={t('overview.practice.title')} />
            <CardBody className="py-2">
              <dl className="divide-y divide-slate-100">
                <Fact label={t('overview.practice.name')} value={me.tenant.name} />
                <Fact
                  label={t('overview.practice.timezone')}
                  value={me.tenant.timezone.replaceAll('_', ' ')}
                />
                <Fact label={t('overview.practice.role')} value={role} />
              </dl>
              {isAdmin ? (
                <ButtonLink to={paths.admin.settings} variant="ghost" size="sm" className="mb-2 -ml-3">
                  {t('overview.practice.action')}
                  <ArrowRightIcon className="size-4" />
                </ButtonLink>
              ) : null}
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
        </div>
      </div>
    </>
  );
}
