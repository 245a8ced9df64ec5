import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { Card, CardBody } from '../../../components/card.tsx';
import { ListIcon, PlusIcon } from '../../../components/icons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { RequestWithClientDialog } from '../../../features/appointments/components/request-with-client-dialog.tsx';
import { useMe } from '../../../features/auth/api/get-me.ts';
import { AppointmentsCalendar } from '../../../features/calendar/components/appointments-calendar.tsx';
import { useMembers } from '../../../features/members/api/get-members.ts';
import { paths } from '../../../lib/paths.ts';

/** The next whole hour, an hour long: what "New request" proposes without a picked slot. */
function nextHour(): { start: Date; end: Date } {
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  return { start, end: new Date(start.getTime() + 3_600_000) };
}

/** Spec 001 "Admin Calendar Page" (flows 1 and 4): every appointment; a slot opens a request. */
export function Component() {
  const { t } = useTranslation();
  const me = useMe();
  const [slot, setSlot] = useState<{ start: Date; end: Date } | null>(null);
  const [lastSlot, setLastSlot] = useState(nextHour);
  const members = useMembers();
  const clients = (members.data ?? []).filter((m) => m.role === 'client');

  const open = (picked: { start: Date; end: Date }) => {
    setLastSlot(picked);
    setSlot(picked);
  };

  return (
    <>
      <PageHeader
        title={t('adminCalendar.title')}
        description={t('adminCalendar.description')}
        action={
          <div className="flex flex-wrap gap-2">
            <ButtonLink
              to={paths.admin.appointments}
              variant="secondary"
              icon={<ListIcon className="size-4" />}
            >
              {t('adminCalendar.listView')}
            </ButtonLink>
            <Button icon={<PlusIcon className="size-4" />} onClick={() => open(nextHour())}>
              {t('adminCalendar.newRequest')}
            </Button>
          </div>
        }
      />
      <Card>
        <CardBody className="p-3 sm:p-5">
          <AppointmentsCalendar
            scope="practice"
            timeZone={me.tenant.timezone}
            eventHref={paths.dashboard.appointment}
            onSelectSlot={(start, end) => open({ start, end })}
          />
        </CardBody>
      </Card>
      <RequestWithClientDialog
        open={slot !== null}
        onClose={() => setSlot(null)}
        start={slot?.start ?? lastSlot.start}
        end={slot?.end ?? lastSlot.end}
        timeZone={me.tenant.timezone}
        clients={clients}
      />
    </>
  );
}
