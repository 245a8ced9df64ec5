import type { ToolbarProps, View } from 'react-big-calendar';
import { useTranslation } from 'react-i18next';
import { ChevronLeftIcon, ChevronRightIcon } from '../../../components/icons.tsx';
import { cn } from '../../../lib/cn.ts';

const viewOrder: View[] = ['month', 'week', 'day', 'agenda'];

/** Spec 001's custom toolbar: previous / today / next, the current period, the view switcher. */
export function CalendarToolbar<TEvent extends object>({
  label,
  onNavigate,
  onView,
  view,
}: ToolbarProps<TEvent, object>) {
  const { t } = useTranslation();
  const navButton =
    'inline-flex h-9 items-center justify-center rounded-lg px-2.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-600';
  return (
    <div className="mb-4 flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
      <div className="flex items-center gap-2">
        <div className="flex gap-1.5">
          <button
            type="button"
            className={navButton}
            onClick={() => onNavigate('PREV')}
            aria-label={t('calendar.previous')}
          >
            <ChevronLeftIcon className="size-4" />
          </button>
          <button type="button" className={navButton} onClick={() => onNavigate('TODAY')}>
            {t('calendar.today')}
          </button>
          <button
            type="button"
            className={navButton}
            onClick={() => onNavigate('NEXT')}
            aria-label={t('calendar.next')}
          >
            <ChevronRightIcon className="size-4" />
          </button>
        </div>
        <h2 className="ml-1 text-lg font-semibold text-slate-900 first-letter:uppercase" aria-live="polite">
          {label}
        </h2>
      </div>
      <fieldset className="inline-flex rounded-lg bg-slate-100 p-0.5">
        <legend className="sr-only">{t('calendar.viewLabel')}</legend>
        {viewOrder.map((name) => (
          <button
            key={name}
            type="button"
            aria-pressed={view === name}
            onClick={() => onView(name)}
            className={cn(
              'h-8 rounded-md px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-teal-600',
              view === name ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
            )}
          >
            {t(`calendar.views.${name}`)}
          </button>
        ))}
      </fieldset>
    </div>
  );
}
