import type { ExternalEvent } from '../provider.ts';

/** The private extended properties spec 000 reads from assistant-booked events. */
export const metadataKeys = {
  bookedBy: 'booked_by',
  assistantId: 'assistant_id',
  email: 'email',
  phone: 'phone',
  service: 'service',
  patientType: 'patient_type',
  name: 'name',
  /** Set on events Rendezvous pushed itself (two-way sync). */
  appointmentId: 'rendezvous_appointment_id',
} as const;

export function isAssistantBooking(event: ExternalEvent): boolean {
  return event.metadata[metadataKeys.bookedBy] === 'assistant';
}

const separators = /\s+[-–—|:]\s+|\s*[|:]\s*/;

/**
 * The attendee's name, "from the summary where possible" (spec 000): assistants write summaries
 * such as "Consultation - Jean Dupont" or "Jean Dupont – Follow-up". A `name` property wins;
 * otherwise the summary part that is not the service; otherwise the whole summary.
 */
export function attendeeNameFrom(summary: string | null, metadata: Record<string, string>): string | null {
  const explicit = metadata[metadataKeys.name]?.trim();
  if (explicit) return explicit;
  if (!summary?.trim()) return null;
  const parts = summary
    .split(separators)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return summary.trim();
  const service = metadata[metadataKeys.service]?.trim().toLowerCase();
  const generic = /^(appointment|rendez-vous|rdv|booking|réservation|consultation)$/i;
  const candidates = parts.filter((p) => p.toLowerCase() !== service && !generic.test(p));
  return candidates[0] ?? parts[parts.length - 1]!;
}

/** The appointment fields an assistant-booked event carries. */
export function bookingFieldsFrom(event: ExternalEvent) {
  const m = event.metadata;
  const text = (key: string) => m[key]?.trim() || null;
  return {
    title: event.summary?.trim() || text(metadataKeys.service) || 'Appointment',
    description: event.description,
    location: event.location,
    startTime: event.start!,
    endTime: event.end!,
    attendeeName: attendeeNameFrom(event.summary, m),
    attendeeEmail: text(metadataKeys.email)?.toLowerCase() ?? null,
    attendeePhone: text(metadataKeys.phone),
    service: text(metadataKeys.service),
    patientType: text(metadataKeys.patientType),
  };
}
