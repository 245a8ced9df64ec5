import { useTranslation } from 'react-i18next';
import {
  type AppointmentStatus,
  type AppointmentType,
  appointmentStatuses,
  appointmentTypes,
} from '../../../../shared/appointments.ts';
import { SearchField, SelectField } from '../../../components/field.tsx';
import { SegmentedControl } from '../../../components/segmented-control.tsx';
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
  return (
    <div className="mb-6 rounded-2xl border border-slate-200/80 bg-white p-4 shadow-sm shadow-slate-900/5">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-[minmax(0,1fr)_12rem_11rem]">
        <SearchField
          className="col-span-2 md:col-span-1"
          label={t('appointments.filters.search')}
          placeholder={t('appointments.filters.searchPlaceholder')}
          value={values.search ?? ''}
          onSearch={(search) => onChange({ ...values, search: search || undefined })}
        />
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
      <SegmentedControl
        className="mt-4"
        legend={t('appointments.filters.period')}
        value={values.period}
        onChange={(period) => onChange({ ...values, period })}
        options={periods.map((period) => ({ value: period, label: t(`appointments.period.${period}`) }))}
      />
    </div>
  );
}
