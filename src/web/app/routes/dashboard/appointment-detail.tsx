import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AwaitingAnswer } from '../../../components/awaiting-answer.tsx';
import { ButtonLink } from '../../../components/button.tsx';
import { Card } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { ChevronLeftIcon, CompassIcon } from '../../../components/icons.tsx';
import { PageSpinner } from '../../../components/spinner.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { usePractitioners } from '../../../features/admin-appointments/api/get-practitioners.ts';
import { useAppointment } from '../../../features/appointments/api/get-appointment.ts';
import { AppointmentActions } from '../../../features/appointments/components/appointment-actions.tsx';
import { AppointmentDetails } from '../../../features/appointments/components/appointment-details.tsx';
import { AppointmentHistory } from '../../../features/appointments/components/appointment-history.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { formatDay } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';

/** An appointment's details, what the reader may do with it, and its history. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = '' } = useParams();
  const appointment = useAppointment(id);
  const practitioners = usePractitioners(me.role !== 'client');
  const back = (
    <Link
      to={paths.dashboard.appointments}
      className="mb-4 inline-flex items-center gap-1 rounded-md text-sm font-medium text-teal-800 hover:text-teal-900 focus-visible:outline-2 focus-visible:outline-teal-600"
    >
      <ChevronLeftIcon className="size-4" />
      {t('appointments.detail.back')}
    </Link>
  );

  if (appointment.isPending) return <PageSpinner label={t('appointments.detail.loading')} />;
  if (appointment.isError) {
    const isMissing = isApiError(appointment.error) && appointment.error.status === 404;
    return (
      <>
        {back}
        <Card className="mx-auto max-w-xl">
          <EmptyState
            icon={<CompassIcon className="size-6" />}
            titleAs="h1"
            title={isMissing ? t('appointments.detail.notFound') : t('appointments.detail.loadFailed')}
            body={isMissing ? t('appointments.detail.notFoundBody') : errorText(t, appointment.error)}
            action={
              <ButtonLink to={paths.dashboard.appointments}>{t('appointments.detail.back')}</ButtonLink>
            }
          />
        </Card>
      </>
    );
  }

  const a = appointment.data;
  return (
    <>
      {back}
      <div className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{a.title}</h1>
          <p className="mt-1 text-sm text-slate-600 first-letter:uppercase">
            {formatDay(a.startTime, a.timezone || me.tenant.timezone)}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-2 sm:flex-col sm:items-end sm:gap-1">
          <StatusBadge status={a.status} />
          <AwaitingAnswer appointment={a} readerIsStaff={me.role !== 'client'} />
        </div>
      </div>
      {/*
        What can be done (confirm, cancel, pay) comes first, so a phone shows it without scrolling
        past every detail; on a wide screen it sits in the right column, above the history.
      */}
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-3 lg:grid-rows-[auto_1fr] lg:items-start">
        <div className="lg:col-start-3 lg:row-start-1">
          <AppointmentActions appointment={a} role={me.role} />
        </div>
        <div className="lg:col-span-2 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          <AppointmentDetails
            appointment={a}
            timeZone={me.tenant.timezone}
            practitionerName={practitioners.data?.find((p) => p.id === a.assignedAdminId)?.name}
          />
        </div>
        <div className="lg:col-start-3 lg:row-start-2">
          <AppointmentHistory
            appointment={a}
            userId={me.user.id}
            isStaff={me.role !== 'client'}
            timeZone={a.timezone || me.tenant.timezone}
          />
        </div>
      </div>
    </>
  );
}
