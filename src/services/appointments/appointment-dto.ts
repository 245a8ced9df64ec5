import type { appointments } from '../../db/schema/index.ts';
import { isPaidOnline } from '../../domain/appointment-payment.ts';
import { canSeeNotes } from '../../domain/permissions.ts';
import type { Appointment } from '../../shared/appointments.ts';
import type { Role } from '../../shared/auth.ts';
import type { CalendarEventIds } from './calendar-event-ids.ts';

export type AppointmentRow = typeof appointments.$inferSelect;

/**
 * A row as the API shows it: ISO strings for instants; notes only for the practice. `events`:
 * its calendar events (`calendarEventIdsFor`). No appointment stores the event it was imported
 * from, so `calendarEventId` (spec 000) is the Google event, else the Microsoft one: an
 * assistant booking imported from a calendar is linked to that calendar of its practitioner by
 * the import itself, so it is the event imported unless the booking came from Outlook while the
 * practitioner also has a Google calendar.
 */
export function toAppointmentDto(
  row: AppointmentRow,
  role: Role | 'assistant',
  events: CalendarEventIds,
): Appointment {
  const dto: Appointment = {
    id: row.id,
    userId: row.userId,
    productId: row.productId,
    assignedAdminId: row.assignedAdminId,
    assistantId: row.assistantId,
    source: row.source,
    title: row.title,
    description: row.description,
    location: row.location,
    meetingUrl: row.meetingUrl,
    startTime: row.startTime.toISOString(),
    endTime: row.endTime.toISOString(),
    timezone: row.timezone,
    status: row.status,
    type: row.type,
    price: row.price,
    currency: row.currency,
    isPaid: row.isPaid,
    paymentStatus: row.paymentStatus,
    isPaidOnline: isPaidOnline(row),
    lagoInvoiceId: row.lagoInvoiceId,
    attendeeEmail: row.attendeeEmail,
    attendeeName: row.attendeeName,
    attendeePhone: row.attendeePhone,
    service: row.service,
    patientType: row.patientType,
    syncedAt: row.syncedAt?.toISOString() ?? null,
    googleEventId: events.googleEventId,
    microsoftEventId: events.microsoftEventId,
    calendarEventId: events.googleEventId ?? events.microsoftEventId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
  if (role !== 'assistant' && canSeeNotes(role)) dto.notes = row.notes;
  return dto;
}

/** The snapshot kept in the audit trail: the row without what only the write path needs. */
export function toSnapshot(row: AppointmentRow): Record<string, unknown> {
  const { idempotencyFingerprint: _fingerprint, ...rest } = row;
  return rest;
}
