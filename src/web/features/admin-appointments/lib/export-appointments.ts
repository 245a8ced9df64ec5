import type { TFunction } from 'i18next';
import type { AdminAppointment } from '../../../../shared/admin-appointments.ts';
import { currentLocale } from '../../../i18n/index.ts';
import { formatAmount, formatNumericDate, formatTime } from '../../../lib/format.ts';
import { toCsv } from './csv.ts';

/** Who the appointment is with: the client's account, else the attendee the booking named. */
export function clientName(a: AdminAppointment): string | null {
  return a.user?.name ?? a.attendeeName;
}

export function clientEmail(a: AdminAppointment): string | null {
  return a.user?.email ?? a.attendeeEmail;
}

/** The list as a spreadsheet: one row an appointment, dates and amounts as the reader writes them. */
export function appointmentsCsv(t: TFunction, rows: AdminAppointment[], timeZone: string): string {
  const header = [
    t('adminAppointments.csv.date'),
    t('adminAppointments.csv.start'),
    t('adminAppointments.csv.end'),
    t('adminAppointments.csv.title'),
    t('adminAppointments.csv.client'),
    t('adminAppointments.csv.email'),
    t('adminAppointments.csv.phone'),
    t('adminAppointments.csv.status'),
    t('adminAppointments.csv.type'),
    t('adminAppointments.csv.price'),
    t('adminAppointments.csv.currency'),
    t('adminAppointments.csv.paid'),
    t('adminAppointments.csv.assignedTo'),
    t('adminAppointments.csv.product'),
    t('adminAppointments.csv.location'),
  ];
  const lines = rows.map((a) => [
    formatNumericDate(a.startTime, timeZone),
    formatTime(a.startTime, timeZone),
    formatTime(a.endTime, timeZone),
    a.title,
    clientName(a),
    clientEmail(a),
    a.attendeePhone,
    t(`appointmentStatus.${a.status}`),
    t(`adminAppointments.type.${a.type}`),
    a.type === 'paid' ? formatAmount(a.price) : '',
    a.type === 'paid' ? a.currency : '',
    a.type === 'paid' ? t(a.isPaid ? 'adminAppointments.csv.yes' : 'adminAppointments.csv.no') : '',
    a.assignedAdmin?.name,
    a.product?.name,
    a.location,
  ]);
  return toCsv([header, ...lines], currentLocale() === 'fr' ? ';' : ',');
}
