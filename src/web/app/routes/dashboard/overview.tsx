import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import {
  ArrowRightIcon,
  BuildingIcon,
  CalendarDaysIcon,
  ClockIcon,
  CreditCardIcon,
  UsersIcon,
} from '../../../components/icons.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { paths } from '../../../lib/paths.ts';

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
  const firstName = me.user.name.split(/\s+/)[0] || me.user.name;

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

      <div className="grid gap-5 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader icon={<CalendarDaysIcon />} title={t('overview.upcoming.title')} />
          <CardBody className="flex flex-col items-center py-10 text-center">
            <span className="flex size-12 items-center justify-center rounded-2xl bg-slate-100 text-slate-500">
              <ClockIcon className="size-6" />
            </span>
            <p className="mt-4 max-w-sm text-sm text-slate-600">{t('overview.upcoming.empty')}</p>
            <ButtonLink to={paths.dashboard.appointments} variant="secondary" className="mt-5">
              {t('overview.upcoming.action')}
              <ArrowRightIcon className="size-4" />
            </ButtonLink>
          </CardBody>
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
            <p className="text-sm text-slate-600">{t('overview.payments.empty')}</p>
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
