import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/button.tsx';
import { PlusIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { AssistantsList } from '../../../features/assistants/components/assistants-list.tsx';
import { CreateAssistantDialog } from '../../../features/assistants/components/create-assistant-dialog.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { useMembers } from '../../../features/members/api/get-members.ts';

/** /admin/assistants: the voice assistants that book for the practice, and their API keys. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const members = useMembers();
  const [isCreating, setCreating] = useState(false);
  const practitioners = (members.data ?? []).filter((m) => m.role === 'owner' || m.role === 'admin');
  return (
    <>
      <PageHeader
        title={t('assistants.title')}
        description={t('assistants.description')}
        action={
          <Button icon={<PlusIcon className="size-4" />} onClick={() => setCreating(true)}>
            {t('assistants.add')}
          </Button>
        }
      />
      <AssistantsList
        practitioners={practitioners}
        timeZone={me.tenant.timezone}
        onCreate={() => setCreating(true)}
      />
      <CreateAssistantDialog
        open={isCreating}
        onClose={() => setCreating(false)}
        practitioners={practitioners}
      />
    </>
  );
}
