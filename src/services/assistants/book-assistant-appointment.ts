import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';
import { AppError, conflict, invalid } from '../../domain/errors.ts';
import type { Appointment } from '../../shared/appointments.ts';
import type { AssistantBookingInput } from '../../shared/assistants.ts';
import { type AppointmentRow, toAppointmentDto } from '../appointments/appointment-dto.ts';
import { tenantTimezone } from '../appointments/create-appointment.ts';
import { pgErrorCode } from '../appointments/pg-error-code.ts';
import { defaultPractitioner, findTenantProduct } from '../appointments/practitioners.ts';
import { insertAppointment } from '../appointments/record-change.ts';
import type { AssistantIdentity } from './resolve-assistant-key.ts';

const defaultDurationMinutes = 30;

/** A stable digest of the request: key order does not matter, values do. */
function fingerprintOf(input: AssistantBookingInput): string {
  const sorted = Object.fromEntries(Object.entries(input).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

async function findByKey(db: Executor, who: AssistantIdentity, key: string) {
  const [row] = await db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.tenantId, who.tenantId),
        eq(appointments.assistantId, who.assistantId),
        eq(appointments.idempotencyKey, key),
      ),
    );
  return row;
}

function replay(row: AppointmentRow, fingerprint: string) {
  if (row.idempotencyFingerprint !== fingerprint) {
    throw conflict('This Idempotency-Key was already used with a different request; use a new key', {
      appointmentId: row.id,
    });
  }
  return { appointment: toAppointmentDto(row, 'assistant'), replayed: true };
}

/**
 * A booking by a voice assistant (spec 000's fields: email, phone, service, patient type).
 * Confirmed at once for the assistant's practitioner (default: the owner). With an
 * Idempotency-Key a retry answers the first booking: before inserting when it is already
 * there, or after losing the race on the unique index / the no-overlap constraint to a
 * concurrent twin (which has committed by then, as PostgreSQL waits for it before failing).
 */
export async function bookAssistantAppointment(
  db: Executor,
  who: AssistantIdentity,
  input: AssistantBookingInput,
  idempotencyKey: string | undefined,
  now = Date.now(),
): Promise<{ appointment: Appointment; replayed: boolean }> {
  const fingerprint = fingerprintOf(input);
  if (idempotencyKey) {
    const existing = await findByKey(db, who, idempotencyKey);
    if (existing) return replay(existing, fingerprint);
  }
  const start = new Date(input.startTime);
  if (start.getTime() <= now) {
    throw invalid('The start is in the past', [{ path: 'body.startTime', message: 'Must be in the future' }]);
  }
  const product = input.productId ? await findTenantProduct(db, who.tenantId, input.productId) : null;
  const minutes = product?.durationMinutes ?? defaultDurationMinutes;
  const end = input.endTime ? new Date(input.endTime) : new Date(start.getTime() + minutes * 60_000);
  const assignee = who.assigneeUserId ?? (await defaultPractitioner(db, who.tenantId));
  try {
    const row = await insertAppointment(
      db,
      { type: 'assistant', id: who.assistantId },
      {
        tenantId: who.tenantId,
        assistantId: who.assistantId,
        assignedAdminId: assignee,
        productId: product?.id ?? null,
        source: 'assistant',
        status: 'confirmed',
        title: input.title ?? `${input.service ?? product?.name ?? 'Appointment'} – ${input.attendeeName}`,
        description: input.description ?? null,
        startTime: start,
        endTime: end,
        timezone: input.timezone ?? (await tenantTimezone(db, who.tenantId)),
        type: product?.type ?? 'free',
        price: product?.price ?? 0,
        currency: product?.currency ?? 'EUR',
        attendeeName: input.attendeeName,
        attendeeEmail: input.email ?? null,
        attendeePhone: input.phone ?? null,
        service: input.service ?? null,
        patientType: input.patientType ?? null,
        idempotencyKey: idempotencyKey ?? null,
        idempotencyFingerprint: idempotencyKey ? fingerprint : null,
      },
    );
    return { appointment: toAppointmentDto(row, 'assistant'), replayed: false };
  } catch (error) {
    const code = pgErrorCode(error);
    if (idempotencyKey && (code === '23505' || code === '23P01')) {
      const twin = await findByKey(db, who, idempotencyKey);
      if (twin) return replay(twin, fingerprint);
    }
    if (code === '23P01') {
      throw new AppError('OVERLAPPING_APPOINTMENT', 'This time is no longer available; pick another slot');
    }
    throw error;
  }
}
