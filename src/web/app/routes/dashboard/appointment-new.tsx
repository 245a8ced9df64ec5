import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { Card, CardBody } from '../../../components/card.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { PageSpinner } from '../../../components/spinner.tsx';
import { usePractitioners } from '../../../features/admin-appointments/api/get-practitioners.ts';
import { AppointmentRequestForm } from '../../../features/appointments/components/appointment-request-form.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { FreeTimePicker } from '../../../features/availability/components/free-time-picker.tsx';
import { useMembers } from '../../../features/members/api/get-members.ts';
import { useProducts } from '../../../features/products/api/get-products.ts';
import { paths } from '../../../lib/paths.ts';

function instant(value: string | null): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Spec 001 "Appointment Request Page"; a calendar slot arrives as ?start=…&end=…. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const audience = me.role === 'client' ? 'client' : 'staff';
  // Staff read inactive products too: only those on offer are services to choose.
  const services = (useProducts().data ?? []).filter((product) => product.isActive);
  // Staff may book for one of the practice's clients; the list is theirs to read.
  const clients = (useMembers(audience === 'staff').data ?? []).filter((member) => member.role === 'client');
  const practitioners = usePractitioners(audience === 'staff');
  // The form proposes the reader's own time first, which it learns from this list.
  if (audience === 'staff' && practitioners.isPending)
    return <PageSpinner label={t('appointments.new.loading')} />;

  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t(`appointments.new.title.${audience}`)}
        description={t(`appointments.new.description.${audience}`)}
      />
      <Card>
        <CardBody className="py-6 sm:px-7">
          <AppointmentRequestForm
            audience={audience}
            services={services}
            clients={clients}
            practitioners={practitioners.data ?? []}
            currentUserId={me.user.id}
            timeZone={me.tenant.timezone}
            initialStart={instant(params.get('start'))}
            initialEnd={instant(params.get('end'))}
            onSaved={(appointment) => {
              toast.success(t(`appointments.new.created.${audience}`));
              navigate(paths.dashboard.appointment(appointment.id));
            }}
            onCancel={() => navigate(-1)}
            // A client asks for a time and may not know the practice's hours: offer its free times.
            freeTimes={audience === 'client' ? (picker) => <FreeTimePicker {...picker} /> : undefined}
          />
        </CardBody>
      </Card>
    </div>
  );
}
