import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { Badge } from '../../../components/badge.tsx';
import { Button } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { ClockIcon } from '../../../components/icons.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { CalendarStatus } from '../api/get-calendar-status.ts';
import { useSetAutoSync } from '../api/set-auto-sync.ts';

interface AutoSyncCardProps {
  autoSync: CalendarStatus['auto_sync'];
  timeZone: string;
  /** Owners and admins start and stop it; clients only read it. */
  canManage: boolean;
}

/** Spec 002's auto-sync: on or off, how often, and how the last background sync went. */
export function AutoSyncCard({ autoSync, timeZone, canManage }: AutoSyncCardProps) {
  const { t } = useTranslation();
  const setAutoSync = useSetAutoSync();
  const minutes = Math.max(1, Math.round(autoSync.interval_seconds / 60));
  const last = autoSync.last_sync_result;

  const toggle = () =>
    setAutoSync.mutate(!autoSync.enabled, {
      onSuccess: (state) => toast.success(t(state.enabled ? 'autoSync.started' : 'autoSync.stopped')),
      onError: (error) => toast.error(t('autoSync.failed', { reason: errorText(t, error) })),
    });

  return (
    <Card>
      <CardHeader
        icon={<ClockIcon />}
        title={t('autoSync.title')}
        action={
          <Badge tone={autoSync.enabled ? 'emerald' : 'neutral'}>
            {t(autoSync.enabled ? 'autoSync.on' : 'autoSync.off')}
          </Badge>
        }
      />
      <CardBody className="space-y-3">
        <p className="text-sm text-slate-600">
          {autoSync.enabled ? t('autoSync.every', { count: minutes }) : t('autoSync.offBody')}
        </p>
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
        {canManage ? (
          <Button
            variant={autoSync.enabled ? 'secondary' : 'primary'}
            onClick={toggle}
            isLoading={setAutoSync.isPending}
          >
            {t(autoSync.enabled ? 'autoSync.stop' : 'autoSync.start')}
          </Button>
        ) : (
          <p className="text-xs text-slate-500">{t('autoSync.staffOnly')}</p>
        )}
      </CardBody>
    </Card>
  );
}
