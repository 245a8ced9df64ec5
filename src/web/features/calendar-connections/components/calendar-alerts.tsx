import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/button.tsx';
import { AlertIcon } from '../../../components/icons.tsx';
import { paths } from '../../../lib/paths.ts';
import { useCalendarStatus } from '../api/get-calendar-status.ts';

/**
 * What keeps appointments out of a calendar, said where people look first (the overview): a
 * connection whose access expired, appointments a calendar refused. Both stop syncing without
 * anyone seeing it otherwise. Nothing at all while every calendar is in step.
 */
export function CalendarAlerts() {
  const { t } = useTranslation();
  const status = useCalendarStatus();
  const connections = status.data?.connections ?? [];
  const expired = connections.filter((c) => c.needsReconnect);
  const refused = connections.reduce((sum, c) => sum + c.failedPushes, 0);
  if (expired.length === 0 && refused === 0) return null;
  return (
    <section
      aria-label={t('calendarAlerts.label')}
      className="mb-6 flex flex-col gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950 sm:flex-row sm:items-center"
    >
      <AlertIcon className="hidden size-5 shrink-0 text-amber-700 sm:block" />
      <div className="min-w-0 flex-1 space-y-1">
        {expired.map((c) => (
          <p key={c.id} className="break-words">
            {t('calendarAlerts.expired', {
              provider: t(`calendarConnections.provider.${c.provider}`),
              account: c.email ?? c.calendarId,
            })}
          </p>
        ))}
        {refused > 0 ? <p>{t('calendarAlerts.refused', { count: refused })}</p> : null}
      </div>
      <ButtonLink
        to={paths.dashboard.calendarSettings}
        size="sm"
        variant="secondary"
        className="self-start sm:self-auto"
      >
        {t('calendarAlerts.open')}
      </ButtonLink>
    </section>
  );
}
