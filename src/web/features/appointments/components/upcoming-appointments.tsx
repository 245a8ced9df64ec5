import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment } from '../../../../shared/appointments.ts';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { formatShortDay, formatTimeRange } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';

interface UpcomingAppointmentsProps {
  appointments: Appointment[];
  timeZone: string;
  /** Staff see who each appointment is with; a client knows. */
  showAttendee?: boolean;
}

/** A short list of the next appointments: when, what, and its status, each leading to its details. */
export function UpcomingAppointments({
  appointments,
  timeZone,
  showAttendee = true,
}: UpcomingAppointmentsProps) {
  const { t } = useTranslation();
  return (
    <ul className="divide-y divide-slate-100">
      {appointments.map((a) => (
        <li
          key={a.id}
          className="relative flex items-center gap-4 px-5 py-3 focus-within:ring-2 focus-within:ring-teal-600 focus-within:ring-inset hover:bg-slate-50"
        >
          <div className="w-16 shrink-0 text-center">
            <p className="text-xs font-medium text-slate-500 uppercase">
              {formatShortDay(a.startTime, timeZone)}
            </p>
          </div>
          <div className="min-w-0 flex-1">
            <Link
              to={paths.dashboard.appointment(a.id)}
              className="block truncate text-sm font-semibold text-slate-900 after:absolute after:inset-0 focus-visible:outline-none"
            >
              {a.title}
            </Link>
            <p className="truncate text-sm text-slate-500 tabular-nums">
              {formatTimeRange(a.startTime, a.endTime, timeZone)}
              {showAttendee && a.attendeeName ? ` · ${a.attendeeName}` : ''}
              {a.location ? ` · ${a.location}` : a.meetingUrl ? ` · ${t('appointments.card.videoCall')}` : ''}
            </p>
          </div>
          <StatusBadge status={a.status} />
        </li>
      ))}
    </ul>
  );
}
