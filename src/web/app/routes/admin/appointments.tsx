import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { CalendarIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { AdminAppointmentsList } from '../../../features/admin-appointments/components/admin-appointments-list.tsx';
import { AppointmentFiltersBar } from '../../../features/admin-appointments/components/appointment-filters.tsx';
import { ExportAppointmentsButton } from '../../../features/admin-appointments/components/export-appointments-button.tsx';
import {
  type AppointmentFilters,
  defaultFilters,
  filtersFromParams,
  filtersToParams,
} from '../../../features/admin-appointments/lib/filters.ts';
import { StatsCards } from '../../../features/admin-dashboard/components/stats-cards.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { paths } from '../../../lib/paths.ts';

/** /admin/appointments: every appointment of the practice, to search, act on and export. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const timeZone = me.tenant.timezone;
  const setFilters = useCallback(
    (next: AppointmentFilters) => setParams(filtersToParams(next), { replace: true }),
    [setParams],
  );

  return (
    <>
      <PageHeader
        title={t('adminAppointments.title')}
        description={t('adminAppointments.description')}
        action={
          <div className="flex flex-wrap gap-2">
            <ButtonLink
              to={paths.admin.appointmentsCalendar}
              variant="secondary"
              icon={<CalendarIcon className="size-4" />}
            >
              {t('adminAppointments.calendarView')}
            </ButtonLink>
            <ExportAppointmentsButton filters={filters} timeZone={timeZone} />
          </div>
        }
      />
      <StatsCards compactOnPhones />
      <Card className="mt-6">
        <AppointmentFiltersBar filters={filters} onChange={setFilters} />
        <AdminAppointmentsList
          filters={filters}
          timeZone={timeZone}
          currentUserId={me.user.id}
          onClearFilters={() => setFilters({ ...defaultFilters, period: filters.period })}
        />
      </Card>
    </>
  );
}
