import { useTranslation } from 'react-i18next';

const legend = [
  { status: 'pending', swatch: 'bg-amber-400' },
  { status: 'confirmed', swatch: 'bg-emerald-500' },
  { status: 'completed', swatch: 'bg-slate-400' },
  { status: 'cancelled', swatch: 'bg-rose-500' },
] as const;

/** What the colours mean (spec 001): yellow pending, green confirmed, grey completed, red cancelled / no-show. */
export function CalendarLegend() {
  const { t } = useTranslation();
  return (
    <ul
      className="mb-3 flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-slate-600"
      aria-label={t('calendar.legend')}
    >
      {legend.map((item) => (
        <li key={item.status} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={`size-2.5 rounded-full ${item.swatch}`} />
          {item.status === 'cancelled'
            ? t('calendar.cancelledOrNoShow')
            : t(`appointmentStatus.${item.status}`)}
        </li>
      ))}
    </ul>
  );
}
