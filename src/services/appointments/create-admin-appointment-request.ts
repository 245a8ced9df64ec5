import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { members, users } from '../../db/schema/index.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import type { Member } from '../../domain/permissions.ts';
import type { AdminCreateRequestInput } from '../../shared/admin-appointments.ts';
import { type Appointment, appointmentEndProblem } from '../../shared/appointments.ts';
import { toAppointmentDto } from './appointment-dto.ts';
import { noCalendarEvents } from './calendar-event-ids.ts';
import { tenantTimezone } from './create-appointment.ts';
import { findTenantProduct } from './practitioners.ts';
import { insertAppointment } from './record-change.ts';

const required = ['clientEmail', 'title', 'startTime', 'endTime'] as const;

/**
 * User flow 1: an admin requests an appointment with a registered client of the practice.
 * Pending until the client confirms; the requesting admin is the practitioner; attendee
 * details come from the client's profile.
 */
export async function createAdminAppointmentRequest(
  db: Executor,
  admin: Member,
  input: AdminCreateRequestInput,
): Promise<Appointment> {
  const missing = required.filter((f) => !input[f]);
  if (missing.length > 0) {
    throw invalid(
      'Missing required fields',
      missing.map((f) => ({ path: `body.${f}`, message: 'Required' })),
    );
  }
  const start = new Date(input.startTime!);
  const end = new Date(input.endTime!);
  const endProblem = appointmentEndProblem(start.getTime(), end.getTime());
  if (endProblem) {
    throw invalid(`endTime: ${endProblem}`, [{ path: 'body.endTime', message: endProblem }]);
  }
  const [client] = await db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone })
    .from(users)
    .innerJoin(members, and(eq(members.userId, users.id), eq(members.organizationId, admin.tenantId)))
    .where(eq(users.email, input.clientEmail!));
  if (!client) throw new AppError('NOT_FOUND', 'Client not found with this email');
  const product = input.productId ? await findTenantProduct(db, admin.tenantId, input.productId) : null;

  const row = await insertAppointment(
    db,
    { type: 'user', id: admin.userId },
    {
      tenantId: admin.tenantId,
      userId: client.id,
      productId: product?.id ?? null,
      assignedAdminId: admin.userId,
      source: 'admin',
      status: 'pending',
      title: input.title!,
      description: input.description ?? null,
      location: input.location ?? null,
      meetingUrl: input.meetingUrl ?? null,
      startTime: start,
      endTime: end,
      timezone: input.timezone ?? (await tenantTimezone(db, admin.tenantId)),
      type: input.type ?? product?.type ?? 'free',
      price: input.price ?? product?.price ?? 0,
      currency: input.currency ?? product?.currency ?? 'EUR',
      attendeeEmail: client.email,
      attendeeName: client.name,
      attendeePhone: client.phone,
      notes: input.notes ?? null,
    },
  );
  // New: no calendar holds it yet (the outbox pushes it once this is committed).
  return toAppointmentDto(row, admin.role, noCalendarEvents);
}
