import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ButtonLink } from '../../../components/button.tsx';
import { Card, CardBody } from '../../../components/card.tsx';
import { ListIcon, PlusIcon, SettingsIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { AppointmentsCalendar } from '../../../features/calendar/components/appointments-calendar.tsx';
import { withQuery } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

/** Spec 001 flow 3: the client's appointments on a calendar; a free slot starts a request. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('calendar.page.title')}
        description={t(`calendar.page.description.${me.role === 'client' ? 'client' : 'staff'}`)}
        action={
          <div className="flex flex-wrap gap-2">
            <ButtonLink
              to={paths.dashboard.appointments}
              variant="secondary"
              icon={<ListIcon className="size-4" />}
            >
              {t('calendar.page.listView')}
            </ButtonLink>
            <ButtonLink
              to={paths.dashboard.calendarSettings}
              variant="secondary"
              icon={<SettingsIcon className="size-4" />}
            >
              {t('calendar.page.settings')}
            </ButtonLink>
            <ButtonLink to={paths.dashboard.newAppointment} icon={<PlusIcon className="size-4" />}>
              {t('calendar.page.new')}
            </ButtonLink>
          </div>
        }
      />
      <Card>
        <CardBody className="p-3 sm:p-5">
          <AppointmentsCalendar
            scope="mine"
            timeZone={me.tenant.timezone}
            eventHref={paths.dashboard.appointment}
            onSelectSlot={(start, end) =>
              navigate(
                withQuery(paths.dashboard.newAppointment, {
                  start: start.toISOString(),
                  end: end.toISOString(),
                }),
              )
            }
          />
        </CardBody>
      </Card>
    </>
  );
}
