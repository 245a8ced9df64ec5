import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AppointmentStatus,
  type AppointmentType,
  appointmentStatuses,
  appointmentTypes,
} from '../../../../shared/appointments.ts';
import { SelectField } from '../../../components/field.tsx';
import { SearchIcon } from '../../../components/icons.tsx';
import { cn } from '../../../lib/cn.ts';
import type { AppointmentPeriod } from '../api/get-appointments.ts';

export interface FilterValues {
  period: AppointmentPeriod;
  status?: AppointmentStatus;
  type?: AppointmentType;
  search?: string;
}

interface AppointmentFiltersProps {
  values: FilterValues;
  onChange: (values: FilterValues) => void;
}

const periods: AppointmentPeriod[] = ['upcoming', 'past'];

/** Search, status, type, and upcoming or past: the spec's filters of the appointments list. */
export function AppointmentFilters({ values, onChange }: AppointmentFiltersProps) {
  const { t } = useTranslation();
  const searchId = useId();
  const [search, setSearch] = useState(values.search ?? '');

  // Filters cleared from outside (the empty state's button) clear the box too.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an outside change of the search should reset the box.
  useEffect(() => {
    if ((search.trim() || undefined) !== values.search) setSearch(values.search ?? '');
  }, [values.search]);

  // Searching waits for a pause in typing, so each keystroke does not fetch.
  useEffect(() => {
    const trimmed = search.trim() || undefined;
    if (trimmed === values.search) return;
    const timer = setTimeout(() => onChange({ ...values, search: trimmed }), 300);
    return () => clearTimeout(timer);
  }, [search, values, onChange]);

  return (
    <div className="mb-6 rounded-2xl border border-slate-200/80 bg-white p-4 shadow-sm shadow-slate-900/5">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-[minmax(0,1fr)_12rem_11rem]">
        <div className="col-span-2 md:col-span-1">
          <label htmlFor={searchId} className="block text-sm font-medium text-slate-800">
            {t('appointments.filters.search')}
          </label>
          <div className="relative mt-1.5">
            <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" />
            <input
              id={searchId}
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              placeholder={t('appointments.filters.searchPlaceholder')}
              className="block w-full rounded-lg border-0 bg-white py-2.5 pr-3 pl-9 text-base text-slate-900 shadow-xs ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-teal-600 focus:outline-none sm:text-sm"
            />
          </div>
        </div>
        <SelectField
          label={t('appointments.filters.status')}
          value={values.status ?? ''}
          onChange={(event) =>
            onChange({
              ...values,
              status: (event.target.value || undefined) as AppointmentStatus | undefined,
            })
          }
        >
          <option value="">{t('appointments.filters.allStatuses')}</option>
          {appointmentStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`appointmentStatus.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('appointments.filters.type')}
          value={values.type ?? ''}
          onChange={(event) =>
            onChange({ ...values, type: (event.target.value || undefined) as AppointmentType | undefined })
          }
        >
          <option value="">{t('appointments.filters.allTypes')}</option>
          {appointmentTypes.map((type) => (
            <option key={type} value={type}>
              {t(`appointments.type.${type}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="mt-4 flex flex-wrap items-center gap-3">
        <legend className="sr-only">{t('appointments.filters.period')}</legend>
        <div className="inline-flex rounded-lg bg-slate-100 p-0.5">
          {periods.map((period) => (
            <button
              key={period}
              type="button"
              aria-pressed={values.period === period}
              onClick={() => onChange({ ...values, period })}
              className={cn(
                'h-8 rounded-md px-3.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-teal-600',
                values.period === period
                  ? 'bg-white text-slate-900 shadow-sm'
                  : 'text-slate-600 hover:text-slate-900',
              )}
            >
              {t(`appointments.period.${period}`)}
            </button>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
