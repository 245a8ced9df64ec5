import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import type { Appointment } from '../../../../shared/appointments.ts';
import type { Role } from '../../../../shared/auth.ts';
import { Button, ButtonLink } from '../../../components/button.tsx';
import { CheckIcon, ClockIcon, MapPinIcon, UserIcon, VideoIcon } from '../../../components/icons.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { formatDay, formatTimeRange } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { nameBesideTitle } from '../../../lib/person-name.ts';
import { usePendingConfirmations } from '../api/get-pending-confirmations.ts';
import { useUpdateAppointmentStatus } from '../api/update-appointment.ts';

interface PendingConfirmationsProps {
  role: Role;
  timeZone: string;
  now: string;
}

/**
 * The yellow section of spec 001 flow 2: appointments waiting for the reader's confirmation,
 * each with Details and Confirm. It is not drawn at all when nothing is waiting.
 */
export function PendingConfirmations({ role, timeZone, now }: PendingConfirmationsProps) {
  const { t } = useTranslation();
  const pending = usePendingConfirmations(role, now);
  const items = pending.data ?? [];
  if (items.length === 0) return null;
  const audience = role === 'client' ? 'client' : 'staff';

  return (
    <section
      aria-labelledby="pending-confirmation-title"
      className="mb-8 rounded-2xl border border-amber-200 bg-amber-50 p-4 shadow-sm shadow-amber-900/5 sm:p-5"
    >
      <div className="flex items-start gap-3">
        <span className="flex size-9 shrink-0 items-center justify-center rounded-xl bg-amber-100 text-amber-700">
          <ClockIcon className="size-5" />
        </span>
        <div>
          <h2 id="pending-confirmation-title" className="text-base font-semibold text-amber-950">
            {t(`appointments.pending.title.${audience}`)}
          </h2>
          <p className="mt-0.5 text-sm text-amber-900/80">{t(`appointments.pending.body.${audience}`)}</p>
        </div>
      </div>
      <ul className="mt-4 grid grid-cols-1 gap-3 lg:grid-cols-2">
        {items.map((appointment) => (
          <li key={appointment.id}>
            <PendingItem appointment={appointment} timeZone={timeZone} showAttendee={audience === 'staff'} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PendingItem({
  appointment: a,
  timeZone,
  showAttendee,
}: {
  appointment: Appointment;
  timeZone: string;
  /** Staff answer a client: who asked, unless the title already says it. */
  showAttendee: boolean;
}) {
  const { t } = useTranslation();
  const attendee = showAttendee ? nameBesideTitle(a.title, a.attendeeName) : null;
  const update = useUpdateAppointmentStatus();
  const confirm = () =>
    update.mutate(
      { id: a.id, status: 'confirmed' },
      {
        onSuccess: () => toast.success(t('appointments.pending.confirmed')),
        onError: (error) =>
          toast.error(t('appointments.pending.confirmFailed', { reason: errorText(t, error) })),
      },
    );

  return (
    <article className="flex h-full flex-col rounded-xl border border-amber-200/80 bg-white p-4 shadow-sm">
      <h3 className="font-semibold text-slate-900">{a.title}</h3>
      {attendee ? (
        <p className="mt-0.5 flex items-center gap-1.5 text-sm text-slate-700">
          <UserIcon className="size-4 shrink-0 text-slate-400" />
          <span className="min-w-0 break-words">{attendee}</span>
        </p>
      ) : null}
      <p className="mt-1 text-sm font-medium text-slate-700 first-letter:uppercase">
        {formatDay(a.startTime, timeZone)}
      </p>
      <p className="text-sm text-slate-600 tabular-nums">
        {formatTimeRange(a.startTime, a.endTime, timeZone)}
      </p>
      {a.location || a.meetingUrl ? (
        <p className="mt-1 flex items-center gap-1.5 text-sm text-slate-600">
          {a.location ? (
            <MapPinIcon className="size-4 shrink-0 text-slate-400" />
          ) : (
            <VideoIcon className="size-4 shrink-0 text-slate-400" />
          )}
          <span className="min-w-0">{a.location || t('appointments.card.videoCall')}</span>
        </p>
      ) : null}
      {a.description ? <p className="mt-2 line-clamp-3 text-sm text-slate-600">{a.description}</p> : null}
      <div className="mt-auto flex flex-wrap gap-2 pt-4">
        <ButtonLink to={paths.dashboard.appointment(a.id)} variant="secondary" size="sm">
          {t('appointments.pending.details')}
          <span className="sr-only">: {a.title}</span>
        </ButtonLink>
        <Button
          size="sm"
          onClick={confirm}
          isLoading={update.isPending}
          icon={<CheckIcon className="size-4" />}
        >
          {t('appointments.pending.confirm')}
          <span className="sr-only">: {a.title}</span>
        </Button>
      </div>
    </article>
  );
}
