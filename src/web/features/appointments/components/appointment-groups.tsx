import type { Appointment } from '../../../../shared/appointments.ts';
import { dayKey, formatDay } from '../../../lib/format.ts';
import { AppointmentCard } from './appointment-card.tsx';

interface AppointmentGroupsProps {
  appointments: Appointment[];
  timeZone: string;
  now: number;
  /** Where each card leads; the details page of the client dashboard by default. */
  linkTo?: (appointment: Appointment) => string;
  /** Show who each appointment is with (staff). */
  showAttendee?: boolean;
}

/** Appointments under a heading per day of the practice's calendar, in the order given. */
export function AppointmentGroups({
  appointments,
  timeZone,
  now,
  linkTo,
  showAttendee,
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
        <section key={group.key} aria-labelledby={`day-${group.key}`}>
          <h2
            id={`day-${group.key}`}
            className="mb-3 text-sm font-semibold tracking-wide text-slate-500 first-letter:uppercase"
          >
            {formatDay(group.items[0]!.startTime, timeZone)}
          </h2>
          <ul className="grid grid-cols-1 gap-3 lg:grid-cols-2">
            {group.items.map((appointment) => (
              <li key={appointment.id}>
                <AppointmentCard
                  appointment={appointment}
                  timeZone={timeZone}
                  now={now}
                  showDate={false}
                  to={linkTo?.(appointment)}
                  showAttendee={showAttendee}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
