import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type AppointmentStatus,
  type AppointmentType,
  appointmentStatuses,
  appointmentTypes,
} from '../../../../shared/appointments.ts';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { CalendarIcon, PlusIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import type { AppointmentPeriod } from '../../../features/appointments/api/get-appointments.ts';
import {
  AppointmentFilters,
  type FilterValues,
} from '../../../features/appointments/components/appointment-filters.tsx';
import { AppointmentsList } from '../../../features/appointments/components/appointments-list.tsx';
import { PendingConfirmations } from '../../../features/appointments/components/pending-confirmations.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import {
  SyncButton,
  SyncNotices,
  useSyncAppointments,
} from '../../../features/calendar-connections/components/sync-appointments.tsx';
import { paths } from '../../../lib/paths.ts';

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** Spec 000 §3–4 and spec 001 "Appointments List Page". */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  // "Now" is fixed while the page is open, so lists do not shift under the reader.
  const [now] = useState(() => new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString());

  const values: FilterValues = {
    period: pick<AppointmentPeriod>(params.get('period'), ['upcoming', 'past']) ?? 'upcoming',
    status: pick<AppointmentStatus>(params.get('status'), appointmentStatuses),
    type: pick<AppointmentType>(params.get('type'), appointmentTypes),
    search: params.get('q') ?? undefined,
  };
  const sync = useSyncAppointments(me.user.id);
  const isFiltered = Boolean(values.status || values.type || values.search);

  const setValues = useCallback(
    (next: FilterValues) => {
      const updated = new URLSearchParams();
      if (next.period !== 'upcoming') updated.set('period', next.period);
      if (next.status) updated.set('status', next.status);
      if (next.type) updated.set('type', next.type);
      if (next.search) updated.set('q', next.search);
      setParams(updated, { replace: true });
    },
    [setParams],
  );
  const clearFilters = () => setValues({ period: values.period });

  return (
    <>
      <PageHeader
        title={t('appointments.page.title')}
        description={t(`appointments.page.description.${me.role === 'client' ? 'client' : 'staff'}`)}
        action={
          <div className="flex flex-wrap gap-2">
            <SyncButton sync={sync} />
            <ButtonLink
              to={paths.dashboard.calendar}
              variant="secondary"
              icon={<CalendarIcon className="size-4" />}
            >
              {t('appointments.page.calendar')}
            </ButtonLink>
            <ButtonLink to={paths.dashboard.newAppointment} icon={<PlusIcon className="size-4" />}>
              {t('appointments.page.new')}
            </ButtonLink>
          </div>
        }
      />
      <SyncNotices sync={sync} />
      <PendingConfirmations role={me.role} timeZone={me.tenant.timezone} now={now} />
      <AppointmentFilters values={values} onChange={setValues} />
      <AppointmentsList
        filters={{ ...values, now }}
        timeZone={me.tenant.timezone}
        isFiltered={isFiltered}
        readerIsStaff={me.role !== 'client'}
        emptyAction={
          isFiltered ? (
            <Button variant="secondary" onClick={clearFilters}>
              {t('appointments.empty.clear')}
            </Button>
          ) : (
            <ButtonLink to={paths.dashboard.newAppointment} icon={<PlusIcon className="size-4" />}>
              {t(`appointments.empty.request.${me.role === 'client' ? 'client' : 'staff'}`)}
            </ButtonLink>
          )
        }
      />
    </>
  );
}
