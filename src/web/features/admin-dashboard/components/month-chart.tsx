import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentStats } from '../../../../shared/admin-appointments.ts';
import { Card, CardHeader } from '../../../components/card.tsx';
import { ChartIcon } from '../../../components/icons.tsx';
import { cn } from '../../../lib/cn.ts';
import { dayKey, formatCalendarDay, formatMonth } from '../../../lib/format.ts';
import { labelledDays } from '../lib/day-labels.ts';

/**
 * Appointments per day of the month as CSS bars. The bars are decoration for sighted people;
 * screen readers get the same numbers as a table.
 */
export function MonthChart({ stats, timeZone }: { stats: AppointmentStats; timeZone: string }) {
  const { t } = useTranslation();
  const captionId = useId();
  const today = dayKey(new Date(), timeZone);
  const max = Math.max(1, ...stats.days.map((d) => d.count));
  // A busiest day is named only when one day stands out; tied days are summed up instead.
  const most = Math.max(0, ...stats.days.map((d) => d.count));
  const busiestDays = stats.days.filter((d) => d.count === most);
  const month = formatMonth(stats.month);
  const todayIndex = stats.days.findIndex((d) => d.date === today);
  const labelled = labelledDays(stats.days.length, todayIndex === -1 ? null : todayIndex + 1);

  return (
    <Card>
      <CardHeader
        icon={<ChartIcon className="size-5" />}
        title={t('adminDashboard.chart.title')}
        description={t('adminDashboard.chart.description', { month, count: stats.total })}
      />
      <figure aria-labelledby={captionId} className="px-4 pt-5 pb-4 sm:px-5">
        <figcaption id={captionId} className="sr-only">
          {t('adminDashboard.chart.caption', { month })}
        </figcaption>
        <div aria-hidden="true" className="flex gap-2">
          <div className="flex h-44 w-6 shrink-0 flex-col justify-between pb-5 text-right text-[11px] text-slate-500 tabular-nums">
            <span>{max}</span>
            <span>{Math.round(max / 2) === max ? '' : Math.round(max / 2)}</span>
            <span>0</span>
          </div>
          <div className="relative min-w-0 flex-1">
            <div className="pointer-events-none absolute inset-x-0 top-0 bottom-5 flex flex-col justify-between">
              <span className="border-t border-dashed border-slate-200" />
              <span className="border-t border-dashed border-slate-200" />
              <span className="border-t border-slate-200" />
            </div>
            <div className="relative flex h-44 items-stretch gap-px sm:gap-1">
              {stats.days.map((day, index) => {
                const dayOfMonth = index + 1;
                const isToday = day.date === today;
                return (
                  <div key={day.date} className="flex min-w-0 flex-1 flex-col items-center">
                    <div className="flex w-full flex-1 items-end justify-center">
                      <div
                        title={`${formatCalendarDay(day.date)}: ${day.count}`}
                        className={cn(
                          'w-full max-w-5 rounded-t-[3px] transition-colors',
                          day.count === 0
                            ? 'h-px bg-transparent'
                            : isToday
                              ? 'bg-teal-700'
                              : 'bg-teal-400/80',
                        )}
                        style={day.count === 0 ? undefined : { height: `${(day.count / max) * 100}%` }}
                      />
                    </div>
                    <span
                      className={cn(
                        'mt-1 h-4 text-[11px] leading-4 tabular-nums',
                        isToday ? 'font-semibold text-teal-800' : 'text-slate-500',
                      )}
                    >
                      {labelled.has(dayOfMonth) ? dayOfMonth : ''}
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        <p className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="size-2.5 rounded-sm bg-teal-700" />
            {t('adminDashboard.chart.today')}
          </span>
          {most === 0 ? (
            <span>{t('adminDashboard.chart.empty')}</span>
          ) : busiestDays.length === 1 ? (
            <span>
              {t('adminDashboard.chart.busiest', {
                day: formatCalendarDay(busiestDays[0].date),
                count: most,
              })}
            </span>
          ) : (
            <span>{t('adminDashboard.chart.mostADay', { count: most, days: busiestDays.length })}</span>
          )}
        </p>
        {/* A table keeps its content's width whatever its own: the 1-pixel box is a div around it. */}
        <div className="sr-only">
          <table>
            <caption>{t('adminDashboard.chart.caption', { month })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('adminDashboard.chart.day')}</th>
                <th scope="col">{t('adminDashboard.chart.appointments')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.days.map((day) => (
                <tr key={day.date}>
                  <th scope="row">{formatCalendarDay(day.date, 'long')}</th>
                  <td>{day.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
    </Card>
  );
}
