import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BreakableEmail } from '../../../components/breakable-email.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { BuildingIcon, LockIcon, UserIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useChangePassword } from '../../../features/auth/api/change-password.ts';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { useUpdateMe } from '../../../features/auth/api/update-me.ts';
import { CalendarFeedCard } from '../../../features/profile/components/calendar-feed-card.tsx';
import { MyDataCard } from '../../../features/profile/components/my-data-card.tsx';
import { PasswordForm } from '../../../features/profile/components/password-form.tsx';
import { ProfileForm } from '../../../features/profile/components/profile-form.tsx';

/** Your name, phone and language, and the account you are signed in with. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const updateMe = useUpdateMe();
  const changePassword = useChangePassword();
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader icon={<UserIcon />} title={t('profile.details')} />
          <CardBody className="py-5">
            <ProfileForm me={me} onSave={updateMe.mutateAsync} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader icon={<BuildingIcon />} title={t('profile.account')} />
          <CardBody className="py-2">
            <dl className="divide-y divide-slate-100">
              <Fact label={t('profile.email')}>
                <BreakableEmail email={me.user.email} />
              </Fact>
              <Fact label={t('profile.practice')}>{me.tenant.name}</Fact>
              <Fact label={t('profile.role')}>{t(`roles.${me.role}`)}</Fact>
              <Fact label={t('profile.timezone')}>{me.tenant.timezone.replaceAll('_', ' ')}</Fact>
            </dl>
          </CardBody>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader icon={<LockIcon />} title={t('profile.password.title')} />
          <CardBody className="py-5">
            <PasswordForm onChange={changePassword.mutateAsync} />
          </CardBody>
        </Card>
        <MyDataCard />
        <div className="lg:col-span-2">
          <CalendarFeedCard timeZone={me.tenant.timezone} />
        </div>
      </div>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2.5">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm font-medium break-words text-slate-900">{children}</dd>
    </div>
  );
}
