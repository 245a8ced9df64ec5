import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { LockIcon } from '../../../components/icons.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { paths } from '../../../lib/paths.ts';

/** Administration is for owners and admins; a client who opens it is told so kindly. */
export function AdminGate() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.role === 'owner' || me.role === 'admin') return <Outlet />;
  return (
    <Card className="mx-auto mt-6 max-w-xl">
      <EmptyState
        icon={<LockIcon className="size-6" />}
        titleAs="h1"
        title={t('notAllowed.title')}
        body={t('notAllowed.body')}
        action={<ButtonLink to={paths.dashboard.root}>{t('notAllowed.back')}</ButtonLink>}
      />
    </Card>
  );
}
