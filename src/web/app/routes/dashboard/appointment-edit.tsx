import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { ButtonLink } from '../../../components/button.tsx';
import { Card, CardBody } from '../../../components/card.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { CompassIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageSpinner } from '../../../components/spinner.tsx';
import { usePractitioners } from '../../../features/admin-appointments/api/get-practitioners.ts';
import { useAppointment } from '../../../features/appointments/api/get-appointment.ts';
import { AppointmentRequestForm } from '../../../features/appointments/components/appointment-request-form.tsx';
import { mayChangeAppointment } from '../../../features/appointments/lib/may-change.ts';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { FreeTimePicker } from '../../../features/availability/components/free-time-picker.tsx';
import { useProducts } from '../../../features/products/api/get-products.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/form-errors.ts';
import { paths } from '../../../lib/paths.ts';

/** Changing an appointment: staff move or correct it; a client changes their pending request. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const appointment = useAppointment(id);
  const audience = me.role === 'client' ? 'client' : 'staff';
  const services = (useProducts().data ?? []).filter((product) => product.isActive);
  const practitioners = usePractitioners(audience === 'staff');
  const detail = paths.dashboard.appointment(id);

  if (appointment.isPending || (audience === 'staff' && practitioners.isPending)) {
    return <PageSpinner label={t('appointments.detail.loading')} />;
  }
  const a = appointment.data;
  if (!a || !mayChangeAppointment(a, audience === 'staff')) {
    const isMissing = isApiError(appointment.error) && appointment.error.status === 404;
    return (
      <Card className="mx-auto max-w-xl">
        <EmptyState
          icon={<CompassIcon className="size-6" />}
          titleAs="h1"
          title={
            a
              ? t('appointments.edit.notAllowed')
              : t(isMissing ? 'appointments.detail.notFound' : 'appointments.detail.loadFailed')
          }
          body={
            a
              ? t('appointments.edit.notAllowedBody')
              : isMissing
                ? t('appointments.detail.notFoundBody')
                : errorText(t, appointment.error)
          }
          action={
            <ButtonLink to={a ? detail : paths.dashboard.appointments}>
              {t(a ? 'appointments.edit.back' : 'appointments.detail.back')}
            </ButtonLink>
          }
        />
      </Card>
    );
  }

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t(`appointments.edit.title.${audience}`)}
        description={t(`appointments.edit.description.${audience}`)}
      />
      <Card>
        <CardBody className="py-6 sm:px-7">
          <AppointmentRequestForm
            key={a.id}
            audience={audience}
            appointment={a}
            services={services}
            practitioners={practitioners.data ?? []}
            currentUserId={me.user.id}
            timeZone={me.tenant.timezone}
            onSaved={() => {
              toast.success(t('appointments.edit.saved'));
              navigate(detail);
            }}
            onCancel={() => navigate(detail)}
            freeTimes={audience === 'client' ? (picker) => <FreeTimePicker {...picker} /> : undefined}
          />
        </CardBody>
      </Card>
    </div>
  );
}
