import { and, asc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointmentSlots } from '../../db/schema/index.ts';
import { waitTurnInTransaction } from '../../db/transaction-lock.ts';
import { AppError, invalid, notFound } from '../../domain/errors.ts';
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

const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type WeeklyHours = Pick<SlotRow, 'userId' | 'dayOfWeek' | 'startTime' | 'endTime' | 'timezone' | 'isActive'>;

/**
 * Refuses an active opening that repeats or overlaps another active one of the practitioner on
 * the same day. Availability counts a booking against every opening whose hours hold it: two
 * openings sharing time would close each other (one booking filling both maxAppointments), let
 * bookings past either cap, and offer interleaved, overlapping times. Paused openings are left
 * out until resumed; hours kept in another zone are not compared (their overlap moves with DST).
 * Call it in the transaction that writes: openings of one practitioner are written in turn, so
 * two identical requests (a double click) cannot both pass.
 */
async function assertNoOverlap(tx: Executor, tenantId: string, opening: WeeklyHours, ownId?: string) {
  if (!opening.isActive) return;
  await waitTurnInTransaction(tx, 'openings', opening.userId);
  const sameDay = await tx
    .select()
    .from(appointmentSlots)
    .where(
      and(
        eq(appointmentSlots.tenantId, tenantId),
        eq(appointmentSlots.userId, opening.userId),
        eq(appointmentSlots.dayOfWeek, opening.dayOfWeek),
        eq(appointmentSlots.timezone, opening.timezone),
        eq(appointmentSlots.isActive, true),
        ownId ? ne(appointmentSlots.id, ownId) : undefined,
      ),
    )
    .orderBy(asc(appointmentSlots.startTime));
  const clash = sameDay.find(
    (other) =>
      parseHm(other.startTime) < parseHm(opening.endTime) &&
      parseHm(opening.startTime) < parseHm(other.endTime),
  );
  if (!clash) return;
  const hours = `${dayNames[clash.dayOfWeek]} ${clash.startTime}–${clash.endTime}`;
  const repeated = clash.startTime === opening.startTime && clash.endTime === opening.endTime;
  const message = repeated
    ? `This weekly opening already exists (${hours})`
    : `This opening overlaps another of the same practitioner (${hours})`;
  const field = repeated ? 'Already an opening' : `Overlaps ${hours}`;
  throw new AppError('OVERLAPPING_OPENING', message, {
    slotId: clash.id,
    fields: [
      { path: 'body.startTime', message: field },
      { path: 'body.endTime', message: field },
    ],
  });
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
  return db.transaction((tx) =>
    id === undefined ? createSlot(tx, who, input as CreateSlotInput) : updateSlot(tx, who, input, id),
  );
}

async function createSlot(tx: Executor, who: Member, input: CreateSlotInput): Promise<Slot> {
  const before = input.bufferBefore ?? 0;
  const after = input.bufferAfter ?? 0;
  const values = {
    ...input,
    tenantId: who.tenantId,
    userId: input.userId ?? who.userId,
    timezone: input.timezone ?? (await tenantTimezone(tx, who.tenantId)),
    bufferBefore: before,
    bufferAfter: after,
    maxAppointments:
      input.maxAppointments ?? fitting(input.startTime, input.endTime, input.duration, before, after),
    isActive: input.isActive ?? true,
  };
  await assertNoOverlap(tx, who.tenantId, values);
  const [row] = await tx.insert(appointmentSlots).values(values).returning();
  return toSlot(row);
}

async function updateSlot(tx: Executor, who: Member, input: UpdateSlotInput, id: string): Promise<Slot> {
  if (!isUuid(id)) throw notFound('Slot');
  const where = and(eq(appointmentSlots.tenantId, who.tenantId), eq(appointmentSlots.id, id));
  const [current] = await tx.select().from(appointmentSlots).where(where);
  if (!current) throw notFound('Slot');
  const merged = { ...current, ...input };
  const problem = openingProblem(merged);
  if (problem) {
    throw invalid(`${problem.field}: ${problem.message}`, [
      { path: `body.${problem.field}`, message: problem.message },
    ]);
  }
  await assertNoOverlap(tx, who.tenantId, merged, id);
  const [row] = await tx
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
