import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment } from '../../../../shared/appointments.ts';
import { AwaitingAnswer } from '../../../components/awaiting-answer.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { formatShortDayParts, formatTimeRange } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { nameBesideTitle } from '../../../lib/person-name.ts';

interface UpcomingAppointmentsProps {
  appointments: Appointment[];
  timeZone: string;
  /** Staff see who each appointment is with (a client knows), and read requests as the practice. */
  isStaff: boolean;
}

/**
 * A short list of the next appointments: when, what, and its status (for a request the other side
 * must answer, whose answer it waits for), each leading to its details.
 * On a phone the status goes under the text, which wraps: beside it, it left a title a dozen
 * letters and cut the time's line before the person's name.
 */
export function UpcomingAppointments({ appointments, timeZone, isStaff }: UpcomingAppointmentsProps) {
  const { t } = useTranslation();
  return (
    <ul className="divide-y divide-slate-100">
      {appointments.map((a) => (
        <li
          key={a.id}
          className="relative grid grid-cols-[4rem_minmax(0,1fr)] gap-x-4 px-5 py-3 focus-within:ring-2 focus-within:ring-teal-600 focus-within:ring-inset hover:bg-slate-50 sm:flex sm:items-center"
        >
          <DateTile iso={a.startTime} timeZone={timeZone} />
          <div className="min-w-0 flex-1">
            <Link
              to={paths.dashboard.appointment(a.id)}
              className="block text-sm font-semibold text-slate-900 after:absolute after:inset-0 focus-visible:outline-none sm:truncate"
            >
              {a.title}
            </Link>
            <p className="text-sm text-slate-500 tabular-nums sm:truncate">
              {formatTimeRange(a.startTime, a.endTime, timeZone)}
              {isStaff && nameBesideTitle(a.title, a.attendeeName) ? ` · ${a.attendeeName}` : ''}
              {a.location ? ` · ${a.location}` : a.meetingUrl ? ` · ${t('appointments.card.videoCall')}` : ''}
            </p>
          </div>
          <div className="mt-1.5 sm:mt-0 sm:shrink-0">
            <StatusBadge status={a.status} />
            <AwaitingAnswer
              appointment={a}
              readerIsStaff={isStaff}
              className="ml-2 sm:mt-0.5 sm:ml-0 sm:block sm:text-right"
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The day on two lines, alike for every row: "WED" over "2 Dec" (one line, wrapped where it fell, read "WED 2 / DEC"). */
function DateTile({ iso, timeZone }: { iso: string; timeZone: string }) {
  const [weekday, date] = formatShortDayParts(iso, timeZone);
  return (
    <p className="row-span-2 flex w-16 shrink-0 flex-col pt-0.5 text-center sm:pt-0">
      <span className="text-xs font-medium text-slate-500 uppercase">{weekday}</span>
      <span className="text-sm font-semibold whitespace-nowrap text-slate-900">{date}</span>
    </p>
  );
}
