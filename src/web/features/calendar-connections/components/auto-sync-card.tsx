import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { AutoSyncState } from '../../../../shared/calendar.ts';
import { Badge, type BadgeTone } from '../../../components/badge.tsx';
import { Button } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { ClockIcon } from '../../../components/icons.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useSetAutoSync } from '../api/set-auto-sync.ts';

interface AutoSyncCardProps {
  autoSync: AutoSyncState;
  timeZone: string;
  /** Owners and admins start and stop it; clients only read it. */
  canManage: boolean;
  /** Whether the reader has a calendar connected: without one, "on" syncs nothing yet. */
  hasConnections: boolean;
}

/** How often, as the server keeps it: whole minutes, or whole hours from an hour on. */
interface Period {
  /** The suffix of the translation keys: none for minutes. */
  unit: '' | 'Hours';
  count: number;
}

/** The server reports the period its schedule keeps (AUTO_SYNC_INTERVAL rounded to one cron keeps evenly). */
function periodOf(seconds: number): Period {
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes >= 60 && minutes % 60 === 0
    ? { unit: 'Hours', count: minutes / 60 }
    : { unit: '', count: minutes };
}

/** Why auto-sync is on or off: the server's configuration rules over the practice's own switch. */
function stateOf(
  autoSync: AutoSyncState,
  hasConnections: boolean,
  period: Period,
): { badge: string; tone: BadgeTone; body: string } {
  if (!autoSync.enabled_by_server)
    return { badge: 'autoSync.serverOffBadge', tone: 'amber', body: 'autoSync.serverOffBody' };
  if (!autoSync.enabled_for_practice)
    return { badge: 'autoSync.stoppedBadge', tone: 'neutral', body: 'autoSync.stoppedBody' };
  if (!hasConnections)
    return { badge: 'autoSync.noCalendarBadge', tone: 'neutral', body: `autoSync.noCalendar${period.unit}` };
  return { badge: 'autoSync.on', tone: 'emerald', body: `autoSync.every${period.unit}` };
}

/** Spec 002's auto-sync: on or off and why, how often, and how the last background sync went. */
export function AutoSyncCard({ autoSync, timeZone, canManage, hasConnections }: AutoSyncCardProps) {
  const { t } = useTranslation();
  const setAutoSync = useSetAutoSync();
  const hintId = useId();
  const period = periodOf(autoSync.interval_seconds);
  const last = autoSync.last_sync_result;
  const state = stateOf(autoSync, hasConnections, period);
  const isServerOff = !autoSync.enabled_by_server;

  const toggle = () =>
    setAutoSync.mutate(!autoSync.enabled_for_practice, {
      onSuccess: (next) =>
        toast.success(t(next.enabled_for_practice ? 'autoSync.started' : 'autoSync.stopped')),
      onError: (error) => toast.error(t('autoSync.failed', { reason: errorText(t, error) })),
    });

  return (
    <Card data-auto-sync={isServerOff ? 'server-off' : autoSync.enabled ? 'on' : 'stopped'}>
      <CardHeader
        icon={<ClockIcon />}
        title={t('autoSync.title')}
        action={<Badge tone={state.tone}>{t(state.badge)}</Badge>}
      />
      <CardBody className="space-y-3">
        <p className="text-sm text-slate-600">{t(state.body, { count: period.count })}</p>
        {autoSync.enabled && !autoSync.running ? (
          <p className="text-sm text-slate-500">{t('autoSync.waitingForWorker')}</p>
        ) : null}
        <p className="text-sm text-slate-600">
          {autoSync.last_sync_time
            ? t('autoSync.lastRun', { when: formatDateTime(autoSync.last_sync_time, timeZone) })
            : t('autoSync.neverRun')}
          {last
            ? ` · ${
                last.error
                  ? t('autoSync.lastFailed')
                  : t('calendarConnections.lastResult', {
                      created: last.created,
                      updated: last.updated,
                      cancelled: last.cancelled,
                    })
              }`
            : ''}
        </p>
        {isServerOff ? (
          <p id={hintId} className="text-xs text-slate-500">
            {t('autoSync.serverOffHint')}
          </p>
        ) : null}
        {canManage ? (
          <Button
            variant={autoSync.enabled_for_practice && !isServerOff ? 'secondary' : 'primary'}
            onClick={toggle}
            isLoading={setAutoSync.isPending}
            disabled={isServerOff}
            aria-describedby={isServerOff ? hintId : undefined}
          >
            {t(autoSync.enabled_for_practice && !isServerOff ? 'autoSync.stop' : 'autoSync.start')}
          </Button>
        ) : isServerOff ? null : (
          <p className="text-xs text-slate-500">{t('autoSync.staffOnly')}</p>
        )}
      </CardBody>
    </Card>
  );
}
