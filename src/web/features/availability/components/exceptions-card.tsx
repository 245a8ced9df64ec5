import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { AvailabilityExceptionDto } from '../../../../shared/availability.ts';
import { Badge } from '../../../components/badge.tsx';
import { Button } from '../../../components/button.tsx';
import { Card, CardHeader } from '../../../components/card.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { CalendarIcon, PlusIcon, TrashIcon } from '../../../components/icons.tsx';
import { LoadFailedBlock, LoadingBlock } from '../../../components/load-state.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { formatCalendarDay } from '../../../lib/format.ts';
import { useConfirmation } from '../../../lib/use-confirmation.ts';
import { useDeleteException, useExceptions } from '../api/exceptions.ts';
import { hm } from '../lib/week.ts';
import { ExceptionFormDialog } from './exception-form-dialog.tsx';

function describe(t: TFunction, e: AvailabilityExceptionDto) {
  if (e.isAvailable) {
    return t('availability.exceptions.extra', { start: hm(e.startTime ?? ''), end: hm(e.endTime ?? '') });
  }
  if (e.startTime && e.endTime) {
    return t('availability.exceptions.closedHours', { start: hm(e.startTime), end: hm(e.endTime) });
  }
  return t('availability.exceptions.closedDay');
}

/** Dates off the weekly pattern from today on: holidays, a closed afternoon, an extra evening. */
export function ExceptionsCard({ userId, today }: { userId: string; today: string }) {
  const { t } = useTranslation();
  const exceptions = useExceptions(userId);
  const remove = useDeleteException();
  const [isAdding, setAdding] = useState(false);
  const {
    subject: deleting,
    error: deleteError,
    ask: askToDelete,
    fail: deleteFailed,
  } = useConfirmation<AvailabilityExceptionDto>();
  const upcoming = (exceptions.data ?? []).filter((e) => e.date >= today);

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      toast.success(
        t('availability.toast.exceptionRemoved', { date: formatCalendarDay(deleting.date, 'long') }),
      );
      askToDelete(null);
    } catch (error) {
      deleteFailed(errorText(t, error));
    }
  };

  return (
    <Card>
      <CardHeader
        icon={<CalendarIcon className="size-5" />}
        title={t('availability.exceptions.title')}
        description={t('availability.exceptions.description')}
        action={
          <Button
            size="sm"
            variant="secondary"
            icon={<PlusIcon className="size-4" />}
            onClick={() => setAdding(true)}
          >
            <span className="sr-only sm:not-sr-only">{t('availability.exceptions.add')}</span>
          </Button>
        }
      />
      {exceptions.isPending ? (
        <LoadingBlock label={t('app.loading')} />
      ) : exceptions.isError ? (
        <LoadFailedBlock
          message={t('availability.exceptions.loadFailed')}
          retryLabel={t('availability.retry')}
          onRetry={() => void exceptions.refetch()}
        />
      ) : upcoming.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">{t('availability.exceptions.empty')}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {upcoming.map((e) => (
            <li key={e.id} className="flex items-start gap-3 px-5 py-3">
              <div className="min-w-0 flex-1">
                <p className="text-sm font-semibold text-slate-900">{formatCalendarDay(e.date, 'long')}</p>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  <Badge tone={e.isAvailable ? 'teal' : 'rose'}>{describe(t, e)}</Badge>
                  {e.reason ? <span className="min-w-0 break-words">{e.reason}</span> : null}
                </p>
              </div>
              <Button
                variant="danger-ghost"
                size="icon"
                onClick={() => askToDelete(e)}
                aria-label={t('availability.exceptions.remove', { date: formatCalendarDay(e.date, 'long') })}
              >
                <TrashIcon className="size-4.5" />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ExceptionFormDialog open={isAdding} userId={userId} today={today} onClose={() => setAdding(false)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => askToDelete(null)}
        onConfirm={() => void confirmDelete()}
        title={t('availability.exceptions.deleteTitle')}
        body={
          deleting
            ? t('availability.exceptions.deleteBody', { date: formatCalendarDay(deleting.date, 'long') })
            : ''
        }
        confirmLabel={t('availability.exceptions.deleteConfirm')}
        cancelLabel={t('availability.keep')}
        isLoading={remove.isPending}
        error={deleteError}
      />
    </Card>
  );
}
