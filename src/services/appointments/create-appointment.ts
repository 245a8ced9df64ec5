import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';
import { priceForType } from '../../domain/appointment-price.ts';
import { invalid } from '../../domain/errors.ts';
import { assertClientMayEdit, isStaff, type Member } from '../../domain/permissions.ts';
import type { Appointment, CreateAppointmentInput } from '../../shared/appointments.ts';
import { toAppointmentDto } from './appointment-dto.ts';
import { noCalendarEvents } from './calendar-event-ids.ts';
import {
  assertPractitioner,
  defaultPractitioner,
  findTenantProduct,
  findTenantUser,
} from './practitioners.ts';
import { insertAppointment } from './record-change.ts';

/**
 * Spec `createAppointment`. A client's request is always pending and free, for themselves
 * (the practice sets the price later); staff book for any client of the tenant, confirmed
 * unless they ask for pending. The practitioner defaults to the owner; overlaps are refused
 * by the database (409 OVERLAPPING_APPOINTMENT).
 */
export async function createAppointment(
  db: Executor,
  who: Member,
  input: CreateAppointmentInput,
): Promise<Appointment> {
  const staff = isStaff(who.role);
  if (!staff) {
    const refused = (['userId', 'notes'] as const).filter((f) => input[f] !== undefined && input[f] !== null);
    if (refused.length > 0) assertClientMayEdit(refused, true);
    assertClientRequestAhead(input.startTime);
  }
  const assignee = input.assignedAdminId ?? (await defaultPractitioner(db, who.tenantId));
  if (input.assignedAdminId) await assertPractitioner(db, who.tenantId, input.assignedAdminId);
  const product = input.productId ? await findTenantProduct(db, who.tenantId, input.productId) : null;
  const clientId = staff ? (input.userId ?? null) : who.userId;
  const client = clientId ? await findTenantUser(db, who.tenantId, clientId) : null;
  const timezone = input.timezone ?? (await tenantTimezone(db, who.tenantId));
  // A client's request is free (spec 001): its price and currency are the practice's to set.
  const type = staff ? (input.type ?? product?.type ?? 'free') : 'free';
  const price = staff ? priceForType(type, input.price, product?.type === 'paid' ? product.price : 0) : 0;

  const row = await insertAppointment(
    db,
    { type: 'user', id: who.userId },
    {
      tenantId: who.tenantId,
      userId: clientId,
      productId: product?.id ?? null,
      assignedAdminId: assignee,
      source: staff ? 'admin' : 'client',
      title: input.title,
      description: input.description ?? null,
      location: input.location ?? null,
      meetingUrl: input.meetingUrl ?? null,
      startTime: new Date(input.startTime),
      endTime: new Date(input.endTime),
      timezone,
      status: staff ? (input.status ?? 'confirmed') : 'pending',
      type,
      price,
      currency: (staff ? input.currency : undefined) ?? product?.currency ?? 'EUR',
      attendeeEmail: input.attendeeEmail ?? client?.email ?? null,
      attendeeName: input.attendeeName ?? client?.name ?? null,
      attendeePhone: input.attendeePhone ?? client?.phone ?? null,
      notes: staff ? (input.notes ?? null) : null,
    },
  );
  // New: no calendar holds it yet (the outbox pushes it once this is committed).
  return toAppointmentDto(row, who.role, noCalendarEvents);
}

/**
 * A client requests a time to come: the past is for staff, who record what happened. (The
 * assistant API holds its bookings to the opening hours and their notice instead.)
 */
export function assertClientRequestAhead(startTime: string, now = Date.now()): void {
  if (Date.parse(startTime) <= now) {
    throw invalid('startTime: Must be in the future', [
      { path: 'body.startTime', message: 'Must be in the future' },
    ]);
  }
}

export async function tenantTimezone(db: Executor, tenantId: string): Promise<string> {
  const [row] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, tenantId));
  return row?.timezone ?? 'Europe/Paris';
}
