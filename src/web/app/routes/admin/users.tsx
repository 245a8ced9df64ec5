import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button.tsx';
import { PlusIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { AddMemberDialog } from '../../../features/members/components/add-member-dialog.tsx';
import { MembersList } from '../../../features/members/components/members-list.tsx';

export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const [isAdding, setAdding] = useState(false);
  return (
    <>
      <PageHeader
        title={t('members.title')}
        description={t('members.description', { tenant: me.tenant.name })}
        action={
          <Button icon={<PlusIcon className="size-4" />} onClick={() => setAdding(true)}>
            {t('members.add')}
          </Button>
        }
      />
      <MembersList currentUserId={me.user.id} currentRole={me.role} />
      <AddMemberDialog open={isAdding} onClose={() => setAdding(false)} />
    </>
  );
}
