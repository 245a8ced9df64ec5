import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import type { SyncResult } from '../../../../shared/calendar.ts';
import { Button } from '../../../components/button.tsx';
import { AlertIcon, RefreshIcon } from '../../../components/icons.tsx';
import { Spinner } from '../../../components/spinner.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { paths } from '../../../lib/paths.ts';
import { type CalendarProvider, useConnectCalendar } from '../api/connect-calendar.ts';
import { useSyncCalendars } from '../api/sync-calendars.ts';

type Connection = SyncResult['connections'][number];

/**
 * Spec 000's "Sync Appointments": runs the sync, then says how many appointments came in, or why
 * it could not sync. The reader's own connections found expired are kept, for `SyncNotices` to
 * show with a Reconnect button until they are fixed; a colleague's (staff sync the whole
 * practice) is named, for its owner to reconnect.
 */
export function useSyncAppointments(currentUserId: string) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sync = useSyncCalendars();
  const [expired, setExpired] = useState<Connection[]>([]);
  const providerName = (provider: string) => t(`calendarConnections.provider.${provider}`);

  const run = () =>
    sync.mutate(undefined, {
      onSuccess: (result) => {
        const isMine = (c: Connection) => c.userId === currentUserId && c.authType === 'oauth';
        const stale = result.connections.filter((c) => c.needsReconnect);
        const failed = result.connections.filter((c) => !c.needsReconnect && c.error);
        const worked = result.connections.filter((c) => !c.needsReconnect && !c.error);
        setExpired(stale.filter(isMine));
        if (result.connections.length === 0) {
          toast.info(t('sync.noCalendar'), {
            action: { label: t('sync.connect'), onClick: () => navigate(paths.dashboard.calendarSettings) },
          });
          return;
        }
        if (worked.length > 0) toast.success(t('sync.done', { count: result.synced }));
        for (const connection of stale) {
          const provider = providerName(connection.provider);
          toast.error(
            isMine(connection)
              ? t('sync.expired', { provider })
              : t('sync.expiredOther', { provider, account: connection.email ?? provider }),
          );
        }
        for (const connection of failed) {
          toast.error(t('sync.providerFailed', { provider: providerName(connection.provider) }));
        }
      },
      onError: (error) => toast.error(t('sync.failed', { reason: errorText(t, error) })),
    });

  return { run, isPending: sync.isPending, expired };
}

/** The button, busy while the sync runs. `label` lets the settings page call it "Sync now". */
export function SyncButton({
  sync,
  label,
}: {
  sync: ReturnType<typeof useSyncAppointments>;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <Button
      variant="secondary"
      onClick={sync.run}
      disabled={sync.isPending}
      aria-busy={sync.isPending || undefined}
      icon={sync.isPending ? <Spinner className="size-4" /> : <RefreshIcon className="size-4" />}
    >
      {sync.isPending ? t('sync.running') : (label ?? t('sync.button'))}
    </Button>
  );
}

/**
 * Under the page header: a progress bar while syncing, then a notice per expired connection
 * (`showExpired: false` where the connections are on screen with their own Reconnect).
 */
export function SyncNotices({
  sync,
  showExpired = true,
}: {
  sync: ReturnType<typeof useSyncAppointments>;
  showExpired?: boolean;
}) {
  const { t } = useTranslation();
  const expired = showExpired ? sync.expired : [];
  if (!sync.isPending && expired.length === 0) return null;
  return (
    <div className="mb-6 space-y-3">
      {sync.isPending ? (
        <div role="status" className="flex items-center gap-3 text-sm text-slate-600">
          <div className="h-1 w-40 overflow-hidden rounded-full bg-teal-100" aria-hidden="true">
            <div className="h-full w-1/3 rounded-full bg-teal-600 motion-safe:animate-[sync-progress_1.1s_ease-in-out_infinite]" />
          </div>
          {t('sync.progress')}
        </div>
      ) : null}
      {expired.map((connection) => (
        <ReconnectNotice key={connection.id} connection={connection} />
      ))}
    </div>
  );
}

/** "Your Google Calendar connection has expired" with a Reconnect button that starts the consent again. */
function ReconnectNotice({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const connect = useConnectCalendar();
  const provider = connection.provider as CalendarProvider;
  return (
    <div
      role="alert"
      className="flex w-full flex-col gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 sm:flex-row sm:items-center"
    >
      <AlertIcon className="hidden size-5 shrink-0 text-amber-700 sm:block" />
      <p className="flex-1">
        {t('sync.expiredNotice', {
          provider: t(`calendarConnections.provider.${provider}`),
          email: connection.email ?? '',
        })}
      </p>
      <Button
        size="sm"
        onClick={() =>
          connect.mutate(provider, {
            onError: (error) =>
              toast.error(t('calendarConnections.connectFailed', { reason: errorText(t, error) })),
          })
        }
        isLoading={connect.isPending}
      >
        {t('sync.reconnect')}
      </Button>
    </div>
  );
}
