import type { appointments } from '../../db/schema/index.ts';
import type { EventDraft } from '../provider.ts';
import { metadataKeys } from '../sync/assistant-booking.ts';

type AppointmentRow = typeof appointments.$inferSelect;

/** Statuses whose appointments hold time in the calendar; the others are removed from it. */
export const calendarStatuses = new Set(['pending', 'confirmed', 'completed', 'no_show']);

/**
 * The event an appointment becomes. The summary, description and location are the
 * appointment's own fields, unadorned, so that an upstream edit read back by the pull maps to
 * the same fields without drift. Our metadata travels in private extended properties
 * (Graph: single-value extended properties), spec 000's keys included.
 */
export function eventDraftFor(row: AppointmentRow): EventDraft {
  const metadata: Record<string, string> = { [metadataKeys.appointmentId]: row.id };
  const put = (key: string, value: string | null) => {
    if (value) metadata[key] = value;
  };
  put(metadataKeys.bookedBy, row.source === 'assistant' ? 'assistant' : 'rendezvous');
  put(metadataKeys.assistantId, row.assistantId);
  put(metadataKeys.email, row.attendeeEmail);
  put(metadataKeys.phone, row.attendeePhone);
  put(metadataKeys.service, row.service);
  put(metadataKeys.patientType, row.patientType);
  put(metadataKeys.name, row.attendeeName);
  return {
    summary: row.title,
    description: row.description,
    location: row.location,
    start: row.startTime,
    end: row.endTime,
    timeZone: row.timezone,
    metadata,
  };
}

/** True when a change touches nothing the calendar shows: no push is needed. */
export function sameInCalendar(before: AppointmentRow | null, after: AppointmentRow | null): boolean {
  if (!before || !after) return false;
  if (calendarStatuses.has(before.status) !== calendarStatuses.has(after.status)) return false;
  if (before.assignedAdminId !== after.assignedAdminId || before.userId !== after.userId) return false;
  return JSON.stringify(eventDraftFor(before)) === JSON.stringify(eventDraftFor(after));
}
