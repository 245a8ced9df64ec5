import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability } from '../../../../shared/availability.ts';
import { Spinner } from '../../../components/spinner.tsx';
import { cn } from '../../../lib/cn.ts';
import { dayKey, formatCalendarDay, formatTime } from '../../../lib/format.ts';
import { useBookableSlots } from '../api/get-bookable-slots.ts';
import { addDays } from '../lib/week.ts';

const days = 14;

type Slot = Availability['slots'][number];

interface FreeTimePickerProps {
  /** The service asked for: free times long enough for it. */
  productId?: string;
  /** The zone the form reads its date and time in: days are cut and times shown in it. */
  timeZone: string;
  /** The start the form holds now, to show which free time (if any) it is. */
  selectedStart: Date | null;
  onPick: (start: Date, end: Date) => void;
}

/**
 * The practice's free times over the next two weeks, computed by the server as for any booking
 * (openings, exceptions, buffers, daily caps, notice, appointments already taken): a day, then
 * one of its times, fills in the request form's date and time. A client may still propose
 * another time; the practice confirms every request.
 */
export function FreeTimePicker({ productId, timeZone, selectedStart, onPick }: FreeTimePickerProps) {
  const { t } = useTranslation();
  const today = dayKey(new Date(), timeZone);
  const free = useBookableSlots({ productId, startDate: today, endDate: addDays(today, days - 1), timeZone });
  const [chosenDay, setChosenDay] = useState<string | null>(null);
  const titleId = useId();

  const byDay = new Map<string, Slot[]>();
  for (const slot of free.data?.slots ?? []) byDay.set(slot.date, [...(byDay.get(slot.date) ?? []), slot]);
  const selectedDay = selectedStart ? dayKey(selectedStart, timeZone) : null;
  const day =
    [chosenDay, selectedDay].find((d): d is string => !!d && byDay.has(d)) ?? byDay.keys().next().value;

  return (
    <section aria-labelledby={titleId} className="rounded-xl border border-slate-200 bg-slate-50/60 p-4">
      <h3 id={titleId} className="text-sm font-medium text-slate-900">
        {t('availability.freeTimes.title')}
      </h3>
      {/* How to use them, where there are some to use. */}
      {day ? <p className="mt-0.5 text-xs text-slate-500">{t('availability.freeTimes.hint')}</p> : null}
      {free.isPending ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-slate-500" role="status">
          <Spinner className="size-4 text-teal-700" />
          {t('availability.freeTimes.loading')}
        </p>
      ) : free.isError ? (
        <p className="mt-3 text-sm text-slate-600">{t('availability.freeTimes.loadFailed')}</p>
      ) : !day ? (
        <p className="mt-3 text-sm text-slate-600">{t('availability.freeTimes.empty')}</p>
      ) : (
        <>
          {/* Every day in sight, a week per line on a phone: a row to swipe would hide the second week. */}
          <fieldset className="mt-3 grid min-w-0 grid-cols-5 gap-1.5 sm:flex sm:flex-wrap sm:gap-2">
            <legend className="sr-only">{t('availability.freeTimes.days')}</legend>
            {[...byDay.keys()].map((date) => {
              const [weekday, ...rest] = formatCalendarDay(date).split(' ');
              return (
                <button
                  key={date}
                  type="button"
                  aria-pressed={date === day}
                  onClick={() => setChosenDay(date)}
                  className={cn(
                    'flex flex-col items-center rounded-lg py-1.5 text-xs ring-1 ring-inset transition-colors sm:min-w-16 sm:px-3',
                    date === day
                      ? 'bg-teal-700 text-white ring-teal-700'
                      : 'bg-white text-slate-700 ring-slate-200 hover:bg-teal-50 hover:ring-teal-600/30',
                  )}
                >
                  <span aria-hidden className="font-medium">
                    {weekday}
                  </span>
                  <span aria-hidden className="whitespace-nowrap">
                    {rest.join(' ')}
                  </span>
                  <span className="sr-only">{formatCalendarDay(date, 'long')}</span>
                </button>
              );
            })}
          </fieldset>
          <fieldset className="mt-3 grid min-w-0 grid-cols-4 gap-2 sm:grid-cols-6">
            <legend className="sr-only">
              {t('availability.freeTimes.timesOf', { day: formatCalendarDay(day, 'long') })}
            </legend>
            {(byDay.get(day) ?? []).map((slot) => {
              const picked = selectedStart?.getTime() === new Date(slot.startTime).getTime();
              return (
                <button
                  key={slot.startTime}
                  type="button"
                  aria-pressed={picked}
                  onClick={() => onPick(new Date(slot.startTime), new Date(slot.endTime))}
                  className={cn(
                    'rounded-lg py-2 text-sm font-medium tabular-nums ring-1 ring-inset transition-colors',
                    picked
                      ? 'bg-teal-700 text-white ring-teal-700'
                      : 'bg-white text-teal-800 ring-teal-600/25 hover:bg-teal-50',
                  )}
                >
                  {formatTime(slot.startTime, timeZone)}
                </button>
              );
            })}
          </fieldset>
        </>
      )}
    </section>
  );
}
