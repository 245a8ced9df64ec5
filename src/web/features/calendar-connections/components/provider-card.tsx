import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { CalendarConnection } from '../../../../shared/calendar.ts';
import { Badge, type BadgeTone } from '../../../components/badge.tsx';
import { Button } from '../../../components/button.tsx';
import { Card, CardBody } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { CheckboxField } from '../../../components/field.tsx';
import { AlertIcon, LinkIcon, RefreshIcon, UnplugIcon } from '../../../components/icons.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { type CalendarProvider, useConnectCalendar } from '../api/connect-calendar.ts';
import { useDisconnectCalendar } from '../api/disconnect-calendar.ts';
import { useRetryRefusedPushes } from '../api/retry-refused-pushes.ts';
import { useSetBlocksWholePractice } from '../api/set-blocks-whole-practice.ts';
import { ProviderMark } from './provider-mark.tsx';
import { SharedCalendarOffer, useConnectSharedCalendar } from './shared-calendar-offer.tsx';

const statusTones: Record<CalendarConnection['status'], BadgeTone> = {
  active: 'emerald',
  expired: 'amber',
  revoked: 'rose',
  error: 'rose',
};

interface ProviderCardProps {
  provider: CalendarProvider;
  connections: CalendarConnection[];
  timeZone: string;
  /** Google only: the server's service-account calendar (GOOGLE_CALENDAR_ID) the caller may connect. */
  sharedCalendarId?: string | null;
  /** The reader: each member connects their own calendar, and reconnects only theirs. */
  currentUserId: string;
  /** Staff: colleagues' names by user id, to say whose calendar a connection is. */
  memberNames?: ReadonlyMap<string, string>;
  /**
   * Staff: the ids of the practice's owners and admins. Only their calendars are read as busy
   * time, so only theirs can be made to block the whole practice.
   */
  staffIds?: ReadonlySet<string>;
  /** The reader is staff: they decide whose time each calendar blocks. */
  canManageBusyTime?: boolean;
}

/** One provider on the settings page: its connections and their state, or a way to connect it. */
export function ProviderCard({
  provider,
  connections,
  timeZone,
  sharedCalendarId,
  currentUserId,
  memberNames,
  staffIds,
  canManageBusyTime = false,
}: ProviderCardProps) {
  const { t } = useTranslation();
  const connect = useConnectCalendar();
  const connectShared = useConnectSharedCalendar();
  // An expired service-account connection comes back through the server's key, not a consent page.
  const hasSharedConnection = connections.some((c) => c.authType === 'service_account');
  // Staff see the practice's connections, colleagues' too; their own is what Connect makes.
  const hasOwn = connections.some((c) => c.authType !== 'service_account' && c.userId === currentUserId);
  const name = t(`calendarConnections.provider.${provider}`);
  const colleagueName = (userId: string) => memberNames?.get(userId) ?? t('calendarConnections.aColleague');
  // A service account is connected by staff only; any other calendar by whoever owns it.
  const isStaffCalendar = (c: CalendarConnection) =>
    c.authType === 'service_account' || c.userId === currentUserId || !!staffIds?.has(c.userId);

  const startConnect = () =>
    connect.mutate(provider, {
      onError: (error) =>
        toast.error(
          isApiError(error) && error.code === 'NOT_CONFIGURED'
            ? t('calendarConnections.notConfigured', { provider: name })
            : t('calendarConnections.connectFailed', { reason: errorText(t, error) }),
        ),
    });

  return (
    <Card className="flex min-w-0 flex-col">
      <div className="flex items-start gap-3 border-b border-slate-100 px-5 py-4">
        <ProviderMark provider={provider} />
        <div className="min-w-0 flex-1">
          <h2 className="text-base font-semibold text-slate-900">{name}</h2>
          <p className="mt-0.5 text-sm text-slate-500">
            {t(`calendarConnections.providerBlurb.${provider}`)}
          </p>
        </div>
      </div>
      <CardBody className="flex flex-1 flex-col gap-4">
        {sharedCalendarId && !hasSharedConnection ? (
          <SharedCalendarOffer calendarId={sharedCalendarId} />
        ) : null}
        {connections.length > 0 ? (
          <ul className="space-y-4">
            {connections.map((connection) => (
              <li key={connection.id}>
                <ConnectionRow
                  connection={connection}
                  timeZone={timeZone}
                  {...(canManageBusyTime && isStaffCalendar(connection)
                    ? {
                        busyTimeHolder:
                          connection.userId === currentUserId ? null : colleagueName(connection.userId),
                      }
                    : {})}
                  {...(connection.authType === 'service_account'
                    ? { onReconnect: connectShared.start, isReconnecting: connectShared.isPending }
                    : connection.userId === currentUserId
                      ? { onReconnect: startConnect, isReconnecting: connect.isPending }
                      : { ownerName: colleagueName(connection.userId), isReconnecting: false })}
                />
              </li>
            ))}
          </ul>
        ) : null}
        {hasOwn ? null : (
          <div className="flex flex-1 flex-col items-start justify-between gap-4">
            <p className="text-sm text-slate-600">
              {t(
                connections.length > 0
                  ? 'calendarConnections.notConnectedYours'
                  : 'calendarConnections.notConnected',
              )}
            </p>
            <Button
              onClick={startConnect}
              isLoading={connect.isPending}
              icon={<LinkIcon className="size-4" />}
            >
              {t('calendarConnections.connect', { provider: name })}
            </Button>
          </div>
        )}
      </CardBody>
    </Card>
  );
}

interface ConnectionRowProps {
  connection: CalendarConnection;
  timeZone: string;
  /** How to reconnect it: absent for a colleague's, which only they can. */
  onReconnect?: () => void;
  isReconnecting: boolean;
  /** A colleague's connection: whose it is. */
  ownerName?: string;
  /**
   * Set for staff on a staff member's calendar, which may block the whole practice: whose time
   * it blocks otherwise (null: the reader's own). Absent: the setting is not shown.
   */
  busyTimeHolder?: string | null;
}

type LastResult = { created?: number; updated?: number; cancelled?: number; error?: unknown } | null;

function ConnectionRow({
  connection: c,
  timeZone,
  onReconnect,
  isReconnecting,
  ownerName,
  busyTimeHolder,
}: ConnectionRowProps) {
  const { t } = useTranslation();
  const disconnect = useDisconnectCalendar();
  const retry = useRetryRefusedPushes();
  const [isAsking, setAsking] = useState(false);
  const name = t(`calendarConnections.provider.${c.provider}`);
  const result = c.lastSyncResult as LastResult;
  // A service account reads a calendar shared with it: that calendar, not the robot's address, is what staff know.
  const account = c.authType === 'service_account' ? c.calendarId : (c.email ?? c.calendarId);

  const remove = () =>
    disconnect.mutate(c.id, {
      onSuccess: () => {
        setAsking(false);
        toast.success(t('calendarConnections.disconnected', { provider: name }));
      },
      onError: (error) => {
        setAsking(false);
        toast.error(t('calendarConnections.disconnectFailed', { reason: errorText(t, error) }));
      },
    });

  const sendAgain = () =>
    retry.mutate(c.id, {
      onSuccess: ({ retried }) =>
        toast.success(t('calendarConnections.retried', { count: retried, provider: name })),
      onError: (error) => toast.error(t('calendarConnections.retryFailed', { reason: errorText(t, error) })),
    });

  return (
    <div className="rounded-xl border border-slate-200 p-4" data-connection-status={c.status}>
      <div className="flex items-center justify-between gap-2">
        <p className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-900" title={account}>
          {account}
        </p>
        <Badge tone={statusTones[c.status]}>{t(`calendarConnections.status.${c.status}`)}</Badge>
      </div>
      {c.authType === 'service_account' ? (
        <p className="mt-0.5 text-xs text-slate-500">{t('calendarConnections.serviceAccount')}</p>
      ) : ownerName ? (
        <p className="mt-0.5 text-xs text-slate-500">
          {t('calendarConnections.connectedBy', { name: ownerName })}
        </p>
      ) : null}
      <p className="mt-2 text-sm text-slate-600">
        {c.lastSyncAt
          ? t('calendarConnections.lastSync', { when: formatDateTime(c.lastSyncAt, timeZone) })
          : t('calendarConnections.neverSynced')}
      </p>
      {result ? (
        <p className="text-sm text-slate-500">
          {result.error
            ? t('calendarConnections.lastResultFailed')
            : t('calendarConnections.lastResult', {
                created: result.created ?? 0,
                updated: result.updated ?? 0,
                cancelled: result.cancelled ?? 0,
              })}
        </p>
      ) : null}
      {busyTimeHolder !== undefined ? (
        <WholePracticeSetting connection={c} account={account} holderName={busyTimeHolder} />
      ) : null}
      {c.needsReconnect || c.status === 'error' ? (
        <div className="mt-3 flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2.5 text-sm text-amber-950">
          <AlertIcon className="mt-0.5 size-4 shrink-0 text-amber-700" />
          <p>
            {c.needsReconnect && !onReconnect && ownerName
              ? t('calendarConnections.expiredHelpColleague', { provider: name, name: ownerName })
              : t(c.needsReconnect ? 'calendarConnections.expiredHelp' : 'calendarConnections.errorHelp', {
                  provider: name,
                })}
          </p>
        </div>
      ) : null}
      {c.failedPushes > 0 ? (
        <div className="mt-3 flex items-start gap-2 rounded-lg bg-amber-50 px-3 py-2.5 text-sm text-amber-950">
          <AlertIcon className="mt-0.5 size-4 shrink-0 text-amber-700" />
          <div className="min-w-0 space-y-1">
            <p className="font-medium">
              {t('calendarConnections.refused', { count: c.failedPushes, provider: name })}
            </p>
            {c.lastPushError ? (
              <p className="break-words text-amber-900">
                {t('calendarConnections.refusedReason', { reason: c.lastPushError })}
              </p>
            ) : null}
            <p className="text-amber-900">{t('calendarConnections.refusedHelp')}</p>
          </div>
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {c.failedPushes > 0 && c.isActive ? (
          <Button
            size="sm"
            onClick={sendAgain}
            isLoading={retry.isPending}
            icon={<RefreshIcon className="size-4" />}
          >
            {t('calendarConnections.retryRefused')}
          </Button>
        ) : null}
        {c.needsReconnect && onReconnect ? (
          <Button
            size="sm"
            onClick={onReconnect}
            isLoading={isReconnecting}
            icon={<RefreshIcon className="size-4" />}
          >
            {t('calendarConnections.reconnect')}
          </Button>
        ) : null}
        <Button
          size="sm"
          variant="danger-ghost"
          onClick={() => setAsking(true)}
          icon={<UnplugIcon className="size-4" />}
        >
          {t('calendarConnections.disconnect')}
          <span className="sr-only"> {account}</span>
        </Button>
      </div>
      <ConfirmDialog
        open={isAsking}
        onClose={() => setAsking(false)}
        onConfirm={remove}
        title={t('calendarConnections.disconnectTitle', { provider: name })}
        body={t('calendarConnections.disconnectBody', { account })}
        confirmLabel={t('calendarConnections.disconnectConfirm')}
        cancelLabel={t('calendarConnections.keep')}
        isLoading={disconnect.isPending}
      />
    </div>
  );
}

interface WholePracticeSettingProps {
  connection: CalendarConnection;
  account: string;
  /** Whose time its events block when they do not block the practice's; null: the reader's. */
  holderName: string | null;
}

/**
 * "Its other events block the whole practice": for a calendar the practice shares (the clinic
 * calendar), where a closure must stop every booking, not only its owner's. Saved on change.
 */
function WholePracticeSetting({ connection: c, account, holderName }: WholePracticeSettingProps) {
  const { t } = useTranslation();
  const save = useSetBlocksWholePractice();
  // What was asked, shown (and the box disabled) from the click until the answer: the query's
  // own pending state arrives a tick later, and the box would flick back meanwhile.
  const [asked, setAsked] = useState<boolean | null>(null);
  const checked = asked ?? c.blocksWholePractice;
  const onlyHolder = (key: 'hintOff' | 'savedOff', extra: Record<string, string> = {}) =>
    holderName === null
      ? t(`calendarConnections.wholePractice.${key}Yours`, extra)
      : t(`calendarConnections.wholePractice.${key}`, { ...extra, name: holderName });

  const change = (blocksWholePractice: boolean) => {
    setAsked(blocksWholePractice);
    save.mutate(
      { id: c.id, blocksWholePractice },
      {
        onSettled: () => setAsked(null),
        onSuccess: (saved) =>
          toast.success(
            saved.blocksWholePractice
              ? t('calendarConnections.wholePractice.savedOn', { account })
              : onlyHolder('savedOff', { account }),
          ),
        onError: (error) =>
          toast.error(t('calendarConnections.wholePractice.failed', { reason: errorText(t, error) })),
      },
    );
  };

  return (
    <CheckboxField
      className="mt-3 border-t border-slate-100 pt-3"
      label={t('calendarConnections.wholePractice.label')}
      hint={checked ? t('calendarConnections.wholePractice.hintOn') : onlyHolder('hintOff')}
      checked={checked}
      disabled={asked !== null}
      onChange={(event) => change(event.target.checked)}
    />
  );
}
