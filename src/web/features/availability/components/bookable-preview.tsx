import { useTranslation } from 'react-i18next';
import { Card, CardHeader } from '../../../components/card.tsx';
import { SparklesIcon } from '../../../components/icons.tsx';
import { LoadFailedBlock, LoadingBlock } from '../../../components/load-state.tsx';
import { formatCalendarDay, formatTime } from '../../../lib/format.ts';
import { useBookableSlots } from '../api/get-bookable-slots.ts';
import { addDays } from '../lib/week.ts';

const days = 14;
const timesPerDay = 6;

/**
 * What clients will be offered over the next two weeks, computed by the server exactly as for
 * booking (openings, exceptions, buffers, daily caps, notice, appointments already taken).
 */
export function BookablePreview({
  practitionerId,
  today,
  timeZone,
}: {
  practitionerId: string;
  today: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const endDate = addDays(today, days - 1);
  const preview = useBookableSlots({ practitionerId, startDate: today, endDate });
  const byDay = new Map<string, string[]>();
  for (const slot of preview.data?.slots ?? []) {
    byDay.set(slot.date, [...(byDay.get(slot.date) ?? []), slot.startTime]);
  }
  const total = preview.data?.slots.length ?? 0;

  return (
    <Card>
      <CardHeader
        icon={<SparklesIcon className="size-5" />}
        title={t('availability.preview.title')}
        description={t('availability.preview.description')}
      />
      {preview.isPending ? (
        <LoadingBlock label={t('app.loading')} />
      ) : preview.isError ? (
        <LoadFailedBlock
          message={t('availability.preview.loadFailed')}
          retryLabel={t('availability.retry')}
          onRetry={() => void preview.refetch()}
        />
      ) : total === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">{t('availability.preview.empty')}</p>
      ) : (
        <>
          <p className="px-5 pt-4 text-sm text-slate-600">
            {t('availability.preview.count', { count: total })}
          </p>
          <ul className="divide-y divide-slate-100 px-5 pb-2">
            {[...byDay.entries()].map(([date, starts]) => (
              <li key={date} className="py-3">
                <p className="text-sm font-medium text-slate-900">{formatCalendarDay(date)}</p>
                <ul className="mt-1.5 flex flex-wrap gap-1.5" aria-label={formatCalendarDay(date, 'long')}>
                  {starts.slice(0, timesPerDay).map((start) => (
                    <li
                      key={start}
                      className="rounded-md bg-teal-50 px-2 py-0.5 text-xs font-medium text-teal-800 tabular-nums ring-1 ring-teal-600/15 ring-inset"
                    >
                      {formatTime(start, timeZone)}
                    </li>
                  ))}
                  {starts.length > timesPerDay ? (
                    <li className="px-1 py-0.5 text-xs text-slate-500">
                      {t('availability.preview.more', { count: starts.length - timesPerDay })}
                    </li>
                  ) : null}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
