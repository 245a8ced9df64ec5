import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointmentExceptions } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { Member } from '../../domain/permissions.ts';
import type { AvailabilityExceptionDto, CreateExceptionInput } from '../../shared/availability.ts';
import { tenantTimezone } from '../appointments/create-appointment.ts';
import { isUuid } from '../appointments/find-visible-appointment.ts';
import { assertPractitioner } from '../appointments/practitioners.ts';

type ExceptionRow = typeof appointmentExceptions.$inferSelect;

function toDto(row: ExceptionRow): AvailabilityExceptionDto {
  const { tenantId: _t, createdAt: _c, ...rest } = row;
  return rest;
}

/** Spec `getAppointmentExceptions`: dates off the weekly pattern of one practitioner. */
export async function getAppointmentExceptions(
  db: Executor,
  who: Member,
  userId = who.userId,
): Promise<AvailabilityExceptionDto[]> {
  const rows = await db
    .select()
    .from(appointmentExceptions)
    .where(and(eq(appointmentExceptions.tenantId, who.tenantId), eq(appointmentExceptions.userId, userId)))
    .orderBy(asc(appointmentExceptions.date));
  return rows.map(toDto);
}

/** Spec `createAppointmentException`: a blocked day (or hours), or extra hours on a date. */
export async function createAppointmentException(
  db: Executor,
  who: Member,
  input: CreateExceptionInput,
): Promise<AvailabilityExceptionDto> {
  if (input.userId) await assertPractitioner(db, who.tenantId, input.userId);
  const [row] = await db
    .insert(appointmentExceptions)
    .values({
      tenantId: who.tenantId,
      userId: input.userId ?? who.userId,
      date: input.date,
      isAvailable: input.isAvailable,
      startTime: input.startTime ?? null,
      endTime: input.endTime ?? null,
      timezone: input.timezone ?? (await tenantTimezone(db, who.tenantId)),
      reason: input.reason ?? null,
    })
    .returning();
  return toDto(row);
}

export async function deleteAppointmentException(db: Executor, who: Member, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound('Exception');
  const deleted = await db
    .delete(appointmentExceptions)
    .where(and(eq(appointmentExceptions.tenantId, who.tenantId), eq(appointmentExceptions.id, id)))
    .returning({ id: appointmentExceptions.id });
  if (deleted.length === 0) throw notFound('Exception');
}
