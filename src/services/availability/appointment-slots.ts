import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointmentSlots } from '../../db/schema/index.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import type { Member } from '../../domain/permissions.ts';
import { parseHm } from '../../domain/time-zone.ts';
import {
  type CreateSlotInput,
  openingProblem,
  type Slot,
  type UpdateSlotInput,
} from '../../shared/availability.ts';
import { tenantTimezone } from '../appointments/create-appointment.ts';
import { isUuid } from '../appointments/find-visible-appointment.ts';
import { assertPractitioner, findTenantProduct } from '../appointments/practitioners.ts';

type SlotRow = typeof appointmentSlots.$inferSelect;

function toSlot(row: SlotRow): Slot {
  const { tenantId: _t, createdAt: _c, updatedAt: _u, ...slot } = row;
  return slot;
}

/** "As many as fit": the number of appointments one occurrence of the opening can hold. */
function fitting(startTime: string, endTime: string, duration: number, before: number, after: number) {
  const minutes = (endTime === '24:00' ? 1440 : parseHm(endTime)) - parseHm(startTime);
  return Math.max(1, Math.floor((minutes + before + after) / (duration + before + after)));
}

/** Spec `getAppointmentSlots`: the weekly openings of one practitioner (default: you). */
export async function getAppointmentSlots(db: Executor, who: Member, userId = who.userId): Promise<Slot[]> {
  const rows = await db
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.tenantId, who.tenantId), eq(appointmentSlots.userId, userId)))
    .orderBy(asc(appointmentSlots.dayOfWeek), asc(appointmentSlots.startTime));
  return rows.map(toSlot);
}

/** Spec `upsertAppointmentSlot`: creates an opening, or updates one when `id` is given. */
export async function upsertAppointmentSlot(
  db: Executor,
  who: Member,
  input: CreateSlotInput | UpdateSlotInput,
  id?: string,
): Promise<Slot> {
  if (input.userId) await assertPractitioner(db, who.tenantId, input.userId);
  if (input.productId) await findTenantProduct(db, who.tenantId, input.productId);
  if (id === undefined) {
    const create = input as CreateSlotInput;
    const before = create.bufferBefore ?? 0;
    const after = create.bufferAfter ?? 0;
    const [row] = await db
      .insert(appointmentSlots)
      .values({
        ...create,
        tenantId: who.tenantId,
        userId: create.userId ?? who.userId,
        timezone: create.timezone ?? (await tenantTimezone(db, who.tenantId)),
        bufferBefore: before,
        bufferAfter: after,
        maxAppointments:
          create.maxAppointments ?? fitting(create.startTime, create.endTime, create.duration, before, after),
      })
      .returning();
    return toSlot(row);
  }
  if (!isUuid(id)) throw notFound('Slot');
  const where = and(eq(appointmentSlots.tenantId, who.tenantId), eq(appointmentSlots.id, id));
  const [current] = await db.select().from(appointmentSlots).where(where);
  if (!current) throw notFound('Slot');
  const merged = { ...current, ...input };
  const problem = openingProblem(merged);
  if (problem) {
    throw invalid(`${problem.field}: ${problem.message}`, [
      { path: `body.${problem.field}`, message: problem.message },
    ]);
  }
  const [row] = await db
    .update(appointmentSlots)
    .set({ ...input, updatedAt: new Date() })
    .where(where)
    .returning();
  return toSlot(row);
}

export async function deleteAppointmentSlot(db: Executor, who: Member, id: string): Promise<void> {
  if (!isUuid(id)) throw notFound('Slot');
  const deleted = await db
    .delete(appointmentSlots)
    .where(and(eq(appointmentSlots.tenantId, who.tenantId), eq(appointmentSlots.id, id)))
    .returning({ id: appointmentSlots.id });
  if (deleted.length === 0) throw notFound('Slot');
}
