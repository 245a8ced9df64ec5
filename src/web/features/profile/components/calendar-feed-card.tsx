import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { CreatedCalendarFeed } from '../../../../shared/calendar-feed.ts';
import { Badge } from '../../../components/badge.tsx';
import { Button, buttonClasses } from '../../../components/button.tsx';
import { Card, CardBody, CardHeader } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { CalendarIcon, CopyIcon, LinkIcon } from '../../../components/icons.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useCreateCalendarFeed } from '../api/create-calendar-feed.ts';
import { useCalendarFeed } from '../api/get-calendar-feed.ts';
import { useRevokeCalendarFeed } from '../api/revoke-calendar-feed.ts';

/**
 * The reader's appointments as a calendar subscription (iCalendar feed): make a secret address,
 * copy it into Apple Calendar, Outlook or Google, make a new one, or turn it off. The address is
 * shown once, when made; afterwards only whether one is live.
 */
export function CalendarFeedCard({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [made, setMade] = useState<CreatedCalendarFeed | null>(null);
  const [asking, setAsking] = useState<'renew' | 'revoke' | null>(null);
  const urlId = useId();
  const isActive = feed.data?.active ?? false;

  const makeAddress = () =>
    create.mutate(undefined, {
      onSuccess: (created) => {
        setMade(created);
        setAsking(null);
        toast.success(t('calendarFeed.created'));
      },
      onError: (error) => {
        setAsking(null);
        toast.error(t('calendarFeed.failed', { reason: errorText(t, error) }));
      },
    });
  const turnOff = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setMade(null);
        setAsking(null);
        toast.success(t('calendarFeed.revoked'));
      },
      onError: (error) => {
        setAsking(null);
        toast.error(t('calendarFeed.failed', { reason: errorText(t, error) }));
      },
    });
  const copy = async () => {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.url);
      toast.success(t('calendarFeed.copied'));
    } catch {
      toast.error(t('calendarFeed.copyFailed'));
    }
  };

  return (
    <Card>
      <CardHeader
        icon={<CalendarIcon />}
        title={t('calendarFeed.title')}
        description={t('calendarFeed.description')}
        action={
          feed.data ? (
            <Badge tone={isActive ? 'emerald' : 'neutral'}>
              {t(isActive ? 'calendarFeed.on' : 'calendarFeed.off')}
            </Badge>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        {isActive && feed.data?.createdAt && !made ? (
          <p className="text-sm text-slate-600">
            {t('calendarFeed.since', { when: formatDateTime(feed.data.createdAt, timeZone) })}
          </p>
        ) : null}
        {made ? (
          <div className="space-y-2 rounded-xl border border-teal-200 bg-teal-50/60 p-4">
            <label htmlFor={urlId} className="block text-sm font-medium text-slate-800">
              {t('calendarFeed.address')}
            </label>
            <input
              id={urlId}
              readOnly
              value={made.url}
              onFocus={(event) => event.currentTarget.select()}
              className="block w-full rounded-lg border-0 bg-white px-3 py-2 font-mono text-xs text-slate-800 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-teal-600 focus:outline-none"
            />
            <p className="text-xs text-slate-600">{t('calendarFeed.keepPrivate')}</p>
            <div className="flex flex-wrap gap-2 pt-1">
              <Button size="sm" onClick={copy} icon={<CopyIcon className="size-4" />}>
                {t('calendarFeed.copy')}
              </Button>
              <a href={made.webcalUrl} className={buttonClasses('secondary', 'sm')}>
                <LinkIcon className="size-4" />
                {t('calendarFeed.subscribe')}
              </a>
            </div>
          </div>
        ) : (
          <p className="text-sm text-slate-600">
            {t(isActive ? 'calendarFeed.hiddenBody' : 'calendarFeed.noneBody')}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            variant={isActive ? 'secondary' : 'primary'}
            onClick={() => (isActive ? setAsking('renew') : makeAddress())}
            isLoading={create.isPending && asking === null}
          >
            {t(isActive ? 'calendarFeed.renew' : 'calendarFeed.create')}
          </Button>
          {isActive ? (
            <Button variant="danger-ghost" onClick={() => setAsking('revoke')}>
              {t('calendarFeed.turnOff')}
            </Button>
          ) : null}
        </div>
      </CardBody>
      <ConfirmDialog
        open={asking !== null}
        onClose={() => setAsking(null)}
        onConfirm={asking === 'renew' ? makeAddress : turnOff}
        title={asking ? t(`calendarFeed.ask.${asking}.title`) : ''}
        body={asking ? t(`calendarFeed.ask.${asking}.body`) : ''}
        confirmLabel={asking ? t(`calendarFeed.ask.${asking}.confirm`) : ''}
        cancelLabel={t('calendarFeed.ask.keep')}
        tone={asking === 'revoke' ? 'danger' : 'primary'}
        isLoading={create.isPending || revoke.isPending}
      />
    </Card>
  );
}
