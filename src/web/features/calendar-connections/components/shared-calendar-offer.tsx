import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { BreakableEmail } from '../../../components/breakable-email.tsx';
import { Button } from '../../../components/button.tsx';
import { LinkIcon } from '../../../components/icons.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { useConnectServiceAccount } from '../api/connect-service-account.ts';

/**
 * Connects (or reconnects) the server's service-account calendar, telling how it went. There is
 * no consent page: the server holds the key, and refuses a practice the calendar is not for.
 */
export function useConnectSharedCalendar() {
  const { t } = useTranslation();
  const connect = useConnectServiceAccount();
  const start = () =>
    connect.mutate(undefined, {
      onSuccess: () => toast.success(t('calendarConnections.sharedCalendar.connected')),
      onError: (error) =>
        toast.error(
          isApiError(error) && error.code === 'FORBIDDEN'
            ? t('calendarConnections.sharedCalendar.elsewhere')
            : t('calendarConnections.sharedCalendar.failed', { reason: errorText(t, error) }),
        ),
    });
  return { start, isPending: connect.isPending };
}

/**
 * Spec 002 on the settings page: the Google calendar this server keeps for the practice (its
 * service account), offered to its owners and admins until it is connected.
 */
export function SharedCalendarOffer({ calendarId }: { calendarId: string }) {
  const { t } = useTranslation();
  const connect = useConnectSharedCalendar();
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="rounded-xl border border-teal-200 bg-teal-50/60 p-4">
      <h3 id={titleId} className="text-sm font-semibold text-slate-900">
        {t('calendarConnections.sharedCalendar.title')}
      </h3>
      <p className="mt-1 text-sm text-slate-700">{t('calendarConnections.sharedCalendar.body')}</p>
      <p className="mt-3 text-xs font-medium text-slate-500">
        {t('calendarConnections.sharedCalendar.calendar')}
      </p>
      <p className="break-words text-sm font-medium text-slate-900">
        <BreakableEmail email={calendarId} />
      </p>
      <Button
        className="mt-3"
        onClick={connect.start}
        isLoading={connect.isPending}
        icon={<LinkIcon className="size-4" />}
      >
        {t('calendarConnections.sharedCalendar.connect')}
      </Button>
    </section>
  );
}
