import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../shared/appointments.ts';
import { cn } from '../lib/cn.ts';
import { awaitsReader } from '../lib/whose-answer.ts';

/**
 * Beside a pending appointment's status: "Awaiting the client" or "Awaiting the practice" when
 * the answer is the other side's. Nothing when it is the reader's, whose "Pending" asks them.
 */
export function AwaitingAnswer({
  appointment: a,
  readerIsStaff,
  className,
}: {
  appointment: Pick<Appointment, 'status' | 'source'>;
  readerIsStaff: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  if (a.status !== 'pending' || awaitsReader(a, readerIsStaff)) return null;
  return (
    <span className={cn('text-xs text-slate-500', className)}>
      {t(readerIsStaff ? 'appointmentStatus.awaitingClient' : 'appointmentStatus.awaitingPractice')}
    </span>
  );
}
