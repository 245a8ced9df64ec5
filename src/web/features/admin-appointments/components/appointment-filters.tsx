import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appointmentStatuses, appointmentTypes } from '../../../../shared/appointments.ts';
import { SearchIcon } from '../../../components/icons.tsx';
import { cn } from '../../../lib/cn.ts';
import { type AppointmentFilters, type Period, periods } from '../lib/filters.ts';

const searchDelayMs = 300;

const controlClasses =
  'block h-10 w-full rounded-lg border-0 bg-white text-base text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-teal-600 focus:outline-none sm:text-sm';

function FilterSelect({
  label,
  value,
  onChange,
  options,
  className,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  className?: string;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={cn(controlClasses, 'px-3')}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Search (title, client name or email), status, type and period of the admin list. */
export function AppointmentFiltersBar({
  filters,
  onChange,
}: {
  filters: AppointmentFilters;
  onChange: (filters: AppointmentFilters) => void;
}) {
  const { t } = useTranslation();
  const searchId = useId();
  const [search, setSearch] = useState(filters.search);

  // A search changed from outside (a cleared filter, the back button) shows in the box.
  useEffect(() => setSearch(filters.search), [filters.search]);

  // The list follows the typing after a short pause, not at every key.
  useEffect(() => {
    if (search === filters.search) return;
    const timer = setTimeout(() => onChange({ ...filters, search }), searchDelayMs);
    return () => clearTimeout(timer);
  }, [search, filters, onChange]);

  return (
    <div className="grid grid-cols-2 gap-3 border-b border-slate-100 px-4 py-4 sm:px-5 lg:grid-cols-[minmax(0,1fr)_10rem_9rem_10rem]">
      <div className="col-span-2 lg:col-span-1">
        <label htmlFor={searchId} className="mb-1 block text-xs font-medium text-slate-600">
          {t('adminAppointments.filters.search')}
        </label>
        <div className="relative">
          <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4.5 -translate-y-1/2 text-slate-400" />
          <input
            id={searchId}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onChange({ ...filters, search });
            }}
            placeholder={t('adminAppointments.filters.searchPlaceholder')}
            className={cn(controlClasses, 'pr-3 pl-9 placeholder:text-slate-400')}
          />
        </div>
      </div>
      <FilterSelect
        label={t('adminAppointments.filters.status')}
        value={filters.status}
        onChange={(status) => onChange({ ...filters, status: status as AppointmentFilters['status'] })}
        options={[
          { value: '', label: t('adminAppointments.filters.allStatuses') },
          ...appointmentStatuses.map((s) => ({ value: s, label: t(`appointmentStatus.${s}`) })),
        ]}
      />
      <FilterSelect
        label={t('adminAppointments.filters.type')}
        value={filters.type}
        onChange={(type) => onChange({ ...filters, type: type as AppointmentFilters['type'] })}
        options={[
          { value: '', label: t('adminAppointments.filters.allTypes') },
          ...appointmentTypes.map((type) => ({ value: type, label: t(`adminAppointments.type.${type}`) })),
        ]}
      />
      <FilterSelect
        className="col-span-2 lg:col-span-1"
        label={t('adminAppointments.filters.period')}
        value={filters.period}
        onChange={(period) => onChange({ ...filters, period: period as Period })}
        options={periods.map((p) => ({ value: p, label: t(`adminAppointments.period.${p}`) }))}
      />
    </div>
  );
}
