import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointments, products } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { toLocalIso } from '../../domain/time-zone.ts';
import type { AssistantAppointment, AssistantBookingInput } from '../../shared/assistants.ts';
import type { AppointmentRow } from '../appointments/appointment-dto.ts';
import { tenantTimezone } from '../appointments/create-appointment.ts';
import { pgErrorCode } from '../appointments/pg-error-code.ts';
import { assertPractitioner, defaultPractitioner } from '../appointments/practitioners.ts';
import { insertAppointment } from '../appointments/record-change.ts';
import type { BusyTimeSource } from '../availability/busy-time-source.ts';
import { findPracticeClientByEmail } from '../tenancy/practice-clients.ts';
import { assertStartAhead, findBookableSlot, justTaken, lockPractitioner } from './bookable-slot.ts';
import type { AssistantIdentity } from './resolve-assistant-key.ts';

type Deps = { db: Executor; busyTime: BusyTimeSource };

/** A stable digest of the request: key order does not matter, values do. */
function fingerprintOf(input: AssistantBookingInput): string {
  const sorted = Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

export function toAssistantAppointment(row: AppointmentRow): AssistantAppointment {
  return {
    id: row.id,
    status: row.status,
    source: 'assistant',
    assistantId: row.assistantId ?? '',
    practitionerId: row.assignedAdminId,
    productId: row.productId,
    title: row.title,
    startTime: row.startTime.toISOString(),
    endTime: row.endTime.toISOString(),
    timezone: row.timezone,
    localStartTime: toLocalIso(row.startTime.getTime(), row.timezone),
    localEndTime: toLocalIso(row.endTime.getTime(), row.timezone),
    attendeeName: row.attendeeName,
    email: row.attendeeEmail,
    phone: row.attendeePhone,
    service: row.service,
    patientType: row.patientType,
    description: row.description,
    type: row.type,
    price: row.price,
    currency: row.currency,
    createdAt: row.createdAt.toISOString(),
  };
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

/** The answer to a retry: the first booking, unless the key now comes with another request. */
function replay(row: AppointmentRow, fingerprint: string) {
  if (row.idempotencyFingerprint !== fingerprint) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different booking request; send a new key for a new booking',
      { appointmentId: row.id, fields: [{ path: 'headers.idempotency-key', message: 'Already used' }] },
    );
  }
  return { appointment: toAssistantAppointment(row), replayed: true };
}

/** The assistant's practitioner must still be staff of the practice (people leave). */
async function practitionerOf(db: Executor, who: AssistantIdentity): Promise<string> {
  if (!who.assigneeUserId) return defaultPractitioner(db, who.tenantId);
  try {
    await assertPractitioner(db, who.tenantId, who.assigneeUserId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw new AppError(
        'INVALID_STATE',
        'The practitioner this assistant books for is no longer in the practice',
      );
    }
    throw error;
  }
  return who.assigneeUserId;
}

async function activeProduct(db: Executor, tenantId: string, productId: string) {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.id, productId), eq(products.isActive, true)));
  if (!row) throw notFound('Product');
  return row;
}

/**
 * Books the slot that starts at `input.startTime` if availability offers it, or finds the
 * booking a twin with the same Idempotency-Key made while this one waited for the lock.
 */
async function book(
  deps: Deps,
  who: AssistantIdentity,
  input: AssistantBookingInput,
  idempotency: { key: string; fingerprint: string } | null,
  now: number,
): Promise<{ row: AppointmentRow; replayed: boolean }> {
  const { db } = deps;
  const start = Date.parse(input.startTime);
  assertStartAhead(start, now);
  const product = input.productId ? await activeProduct(db, who.tenantId, input.productId) : null;
  const practitionerId = await practitionerOf(db, who);
  const timezone = await tenantTimezone(db, who.tenantId);
  // A registered client of the practice booked under their own email sees it in their account
  // (and can cancel or pay it), as a calendar import links them; staff and strangers are not linked.
  const clientId = input.email ? await findPracticeClientByEmail(db, who.tenantId, input.email) : null;

  // Everything below reads and writes through `tx` only (PGlite has one connection).
  return db.transaction(async (tx) => {
    await lockPractitioner(tx, practitionerId);
    const twin = idempotency && (await findByKey(tx, who, idempotency.key));
    if (twin) return { row: twin, replayed: true };
    const slot = await findBookableSlot(
      { db: tx, busyTime: deps.busyTime },
      {
        tenantId: who.tenantId,
        practitionerId,
        timezone,
        start,
        productId: product?.id,
        durationMinutes: product?.durationMinutes,
      },
      now,
    );

    const row = await insertAppointment(
      tx,
      { type: 'assistant', id: who.assistantId },
      {
        tenantId: who.tenantId,
        userId: clientId,
        assistantId: who.assistantId,
        assignedAdminId: practitionerId,
        productId: product?.id ?? null,
        source: 'assistant',
        status: 'confirmed',
        title: input.title ?? `${input.service ?? product?.name ?? 'Appointment'} – ${input.attendeeName}`,
        description: input.description ?? null,
        startTime: new Date(slot.startTime),
        endTime: new Date(slot.endTime),
        timezone,
        type: product?.type ?? 'free',
        price: product?.price ?? 0,
        currency: product?.currency ?? 'EUR',
        attendeeName: input.attendeeName,
        attendeeEmail: input.email ?? null,
        attendeePhone: input.phone ?? null,
        service: input.service ?? product?.name ?? null,
        patientType: input.patientType ?? null,
        idempotencyKey: idempotency?.key ?? null,
        idempotencyFingerprint: idempotency?.fingerprint ?? null,
      },
    );
    return { row, replayed: false };
  });
}

/**
 * Losing to a booking made outside the assistant lock (the web API, a calendar import): the
 * constraints refuse the insert. A deadlock between two crossed inserts ends the same way.
 */
function lostToAnotherBooking(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code === '23505' || code === '23P01' || code === '40P01';
}

/**
 * A booking by a voice assistant (spec 000's fields: email, phone, service, patient type),
 * confirmed at once for the assistant's practitioner (default: the owner), at a start that
 * availability offers, and linked to the practice's client with the caller's email, if any.
 * With an Idempotency-Key a retry answers the first booking (found before anything else, or
 * under the practitioner's lock when a concurrent twin got there first); the same key with
 * another request is refused (IDEMPOTENCY_KEY_REUSED, 422).
 */
export async function bookAssistantAppointment(
  deps: Deps,
  who: AssistantIdentity,
  input: AssistantBookingInput,
  idempotencyKey: string | undefined,
  now = Date.now(),
): Promise<{ appointment: AssistantAppointment; replayed: boolean }> {
  const idempotency = idempotencyKey ? { key: idempotencyKey, fingerprint: fingerprintOf(input) } : null;
  const earlier = idempotency && (await findByKey(deps.db, who, idempotency.key));
  if (idempotency && earlier) return replay(earlier, idempotency.fingerprint);
  try {
    const { row, replayed } = await book(deps, who, input, idempotency, now);
    return replayed && idempotency
      ? replay(row, idempotency.fingerprint)
      : { appointment: toAssistantAppointment(row), replayed: false };
  } catch (error) {
    if (!lostToAnotherBooking(error)) throw error;
    const twin = idempotency && (await findByKey(deps.db, who, idempotency.key));
    if (idempotency && twin) return replay(twin, idempotency.fingerprint);
    throw justTaken();
  }
}
