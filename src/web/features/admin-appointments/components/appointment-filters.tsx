import { useTranslation } from 'react-i18next';
import {
  appointmentSources,
  appointmentStatuses,
  appointmentTypes,
} from '../../../../shared/appointments.ts';
import { SearchField, SelectField } from '../../../components/field.tsx';
import { type AppointmentFilters, type Period, periods } from '../lib/filters.ts';

/** Search (title, client name or email), status, type, who booked and period of the admin list. */
export function AppointmentFiltersBar({
  filters,
  onChange,
}: {
  filters: AppointmentFilters;
  onChange: (filters: AppointmentFilters) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid grid-cols-2 gap-3 border-b border-slate-100 px-4 py-4 sm:px-5 lg:grid-cols-4 xl:grid-cols-[minmax(0,1fr)_10rem_9rem_10rem_10rem]">
      <SearchField
        className="col-span-2 lg:col-span-4 xl:col-span-1"
        label={t('adminAppointments.filters.search')}
        placeholder={t('adminAppointments.filters.searchPlaceholder')}
        value={filters.search}
        onSearch={(search) => onChange({ ...filters, search })}
      />
      <SelectField
        label={t('adminAppointments.filters.status')}
        value={filters.status}
        onChange={(e) => onChange({ ...filters, status: e.target.value as AppointmentFilters['status'] })}
      >
        <option value="">{t('adminAppointments.filters.allStatuses')}</option>
        {appointmentStatuses.map((s) => (
          <option key={s} value={s}>
            {t(`appointmentStatus.${s}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('adminAppointments.filters.type')}
        value={filters.type}
        onChange={(e) => onChange({ ...filters, type: e.target.value as AppointmentFilters['type'] })}
      >
        <option value="">{t('adminAppointments.filters.allTypes')}</option>
        {appointmentTypes.map((type) => (
          <option key={type} value={type}>
            {t(`adminAppointments.type.${type}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('adminAppointments.filters.source')}
        value={filters.source}
        onChange={(e) => onChange({ ...filters, source: e.target.value as AppointmentFilters['source'] })}
      >
        <option value="">{t('adminAppointments.filters.allSources')}</option>
        {appointmentSources.map((source) => (
          <option key={source} value={source}>
            {t(`adminAppointments.source.${source}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('adminAppointments.filters.period')}
        value={filters.period}
        onChange={(e) => onChange({ ...filters, period: e.target.value as Period })}
      >
        {periods.map((p) => (
          <option key={p} value={p}>
            {t(`adminAppointments.period.${p}`)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
