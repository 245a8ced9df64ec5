import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../../../components/card.tsx';
import { ChevronLeftIcon } from '../../../components/icons.tsx';
import { LoadFailedBlock } from '../../../components/load-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageSpinner } from '../../../components/spinner.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { useCalendarStatus } from '../../../features/calendar-connections/api/get-calendar-status.ts';
import { AutoSyncCard } from '../../../features/calendar-connections/components/auto-sync-card.tsx';
import { ProviderCard } from '../../../features/calendar-connections/components/provider-card.tsx';
import {
  SyncButton,
  SyncNotices,
  useSyncAppointments,
} from '../../../features/calendar-connections/components/sync-appointments.tsx';
import { useOAuthResult } from '../../../features/calendar-connections/hooks/use-oauth-result.ts';
import { useMembers } from '../../../features/members/api/get-members.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { paths } from '../../../lib/paths.ts';

const providers = ['google', 'microsoft'] as const;

/** Spec 001 "Calendar Connections": connect Google and Outlook, see how syncing goes, disconnect. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const status = useCalendarStatus();
  const sync = useSyncAppointments(me.user.id);
  useOAuthResult();
  const hasConnections = (status.data?.connections.length ?? 0) > 0;
  // Staff see colleagues' connections too: named, so nobody reconnects someone else's.
  const members = useMembers(me.role !== 'client');
  const memberNames = new Map((members.data ?? []).map((member) => [member.id, member.name]));
  const staffIds = new Set((members.data ?? []).filter((m) => m.role !== 'client').map((m) => m.id));

  return (
    <>
      <Link
        to={paths.dashboard.calendar}
        className="mb-4 inline-flex items-center gap-1 rounded-md text-sm font-medium text-teal-800 hover:text-teal-900 focus-visible:outline-2 focus-visible:outline-teal-600"
      >
        <ChevronLeftIcon className="size-4" />
        {t('calendarConnections.back')}
      </Link>
      <PageHeader
        title={t('calendarConnections.title')}
        description={t('calendarConnections.description')}
        action={hasConnections ? <SyncButton sync={sync} label={t('calendarConnections.syncNow')} /> : null}
      />
      <SyncNotices sync={sync} showExpired={false} />
      {status.isPending ? (
        <PageSpinner label={t('calendarConnections.loading')} />
      ) : status.isError ? (
        <Card>
          <LoadFailedBlock
            message={t('calendarConnections.loadFailed', { reason: errorText(t, status.error) })}
            retryLabel={t('calendarConnections.retry')}
            onRetry={() => status.refetch()}
          />
        </Card>
      ) : (
        <div className="space-y-5">
          <div className="grid grid-cols-1 gap-5 md:grid-cols-2">
            {providers.map((provider) => (
              <ProviderCard
                key={provider}
                provider={provider}
                connections={status.data.connections.filter((c) => c.provider === provider)}
                timeZone={me.tenant.timezone}
                currentUserId={me.user.id}
                memberNames={memberNames}
                staffIds={staffIds}
                canManageBusyTime={me.role !== 'client'}
                sharedCalendarId={
                  provider === 'google' && status.data.service_account?.can_connect
                    ? status.data.service_account.calendar_id
                    : null
                }
              />
            ))}
          </div>
          <AutoSyncCard
            autoSync={status.data.auto_sync}
            timeZone={me.tenant.timezone}
            canManage={me.role !== 'client'}
            hasConnections={hasConnections}
          />
        </div>
      )}
    </>
  );
}
