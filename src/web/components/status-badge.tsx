import { useTranslation } from 'react-i18next';
import type { AppointmentStatus } from '../../shared/appointments.ts';
import { Badge, type BadgeTone } from './badge.tsx';

/**
 * The spec's colours by status (spec 001, Admin Calendar Page): yellow pending, green
 * confirmed, grey completed, red cancelled / no-show. Calendars and lists use the same map so
 * a colour means one thing everywhere.
 */
export const statusTone: Record<AppointmentStatus, BadgeTone> = {
  pending: 'amber',
  confirmed: 'emerald',
  completed: 'neutral',
  cancelled: 'rose',
  no_show: 'rose',
};

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const { t } = useTranslation();
  return <Badge tone={statusTone[status]}>{t(`appointmentStatus.${status}`)}</Badge>;
}
