import type { Appointment } from '../../../../shared/appointments.ts';
import { dayKey, formatDay, formatDayParts } from '../../../lib/format.ts';
import { AppointmentCard } from './appointment-card.tsx';

interface AppointmentGroupsProps {
  appointments: Appointment[];
  timeZone: string;
  now: number;
  /** Where each card leads; the details page of the client dashboard by default. */
  linkTo?: (appointment: Appointment) => string;
  /** Staff read the list: who each appointment is with, and requests as the practice. */
  readerIsStaff?: boolean;
}

/**
 * Appointments under a heading per day of the practice's calendar, in the order given. On a wide
 * screen the day sits in a column of its own, beside its appointments, as in an agenda: the
 * cards take the width, where a grid of two left half the page empty on a day with one.
 */
export function AppointmentGroups({
  appointments,
  timeZone,
  now,
  linkTo,
  readerIsStaff,
}: AppointmentGroupsProps) {
  const groups: { key: string; items: Appointment[] }[] = [];
  for (const appointment of appointments) {
    const key = dayKey(appointment.startTime, timeZone);
    const last = groups.at(-1);
    if (last?.key === key) last.items.push(appointment);
    else groups.push({ key, items: [appointment] });
  }
  return (
    <div className="space-y-7">
      {groups.map((group) => (
        <section
          key={group.key}
          aria-labelledby={`day-${group.key}`}
          className="lg:grid lg:grid-cols-[9rem_minmax(0,1fr)] lg:gap-6"
        >
          <h2
            id={`day-${group.key}`}
            className="mb-3 text-sm font-semibold tracking-wide text-slate-500 first-letter:uppercase lg:mb-0 lg:pt-3.5"
          >
            <DayHeading iso={group.items[0]!.startTime} timeZone={timeZone} />
          </h2>
          <ul className="grid grid-cols-1 gap-3">
            {group.items.map((appointment) => (
              <li key={appointment.id}>
                <AppointmentCard
                  appointment={appointment}
                  timeZone={timeZone}
                  now={now}
                  showDate={false}
                  to={linkTo?.(appointment)}
                  readerIsStaff={readerIsStaff}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The day in one line ("Wednesday, 2 December 2026"); in the agenda's column, the weekday above the date. */
function DayHeading({ iso, timeZone }: { iso: string; timeZone: string }) {
  const [weekday, date] = formatDayParts(iso, timeZone);
  return (
    <>
      <span className="lg:hidden">{formatDay(iso, timeZone)}</span>
      <span className="hidden lg:block">{weekday}</span>
      <span className="hidden lg:block lg:font-medium lg:tracking-normal lg:text-slate-700">{date}</span>
    </>
  );
}
