import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { DataRequestsCard } from '../../../features/legal/components/data-requests-card.tsx';
import { WhatWeKeepCard } from '../../../features/legal/components/what-we-keep-card.tsx';

/** /admin/legal: answering a person's request for their data, and what Rendezvous keeps about people. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeader title={t('legal.title')} description={t('legal.description', { tenant: me.tenant.name })} />
      <div className="space-y-6">
        <DataRequestsCard currentUserId={me.user.id} currentRole={me.role} />
        <WhatWeKeepCard />
      </div>
    </>
  );
}
