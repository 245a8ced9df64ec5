import type { Executor } from '../../db/client.ts';
import { assertChargeChange, assertPaidMarkChange } from '../../domain/appointment-payment.ts';
import { priceForType } from '../../domain/appointment-price.ts';
import { assertClientMayCancel, assertStatusChange } from '../../domain/appointment-status.ts';
import { invalid, notFound } from '../../domain/errors.ts';
import { assertClientMayEdit, isStaff, type Member } from '../../domain/permissions.ts';
import {
  type Appointment,
  appointmentEndProblem,
  type UpdateAppointmentInput,
} from '../../shared/appointments.ts';
import { type AppointmentRow, toAppointmentDto } from './appointment-dto.ts';
import { calendarEventIdsOf } from './calendar-event-ids.ts';
import { assertClientRequestAhead } from './create-appointment.ts';
import { isUuid } from './find-visible-appointment.ts';
import { assertPractitioner, findTenantProduct } from './practitioners.ts';
import { type AppointmentPatch, type ChangeAction, changeAppointment } from './record-change.ts';

/**
 * Spec `updateAppointment` (PUT /api/appointments/:id). Staff change anything, following the
 * status machine, and mark it paid or unpaid (`assertPaidMarkChange`); a client acts on their own
 * appointments only (another's is "not found"): confirm or cancel, and while pending edit the
 * request itself.
 */
export async function updateAppointment(
  db: Executor,
  who: Member,
  id: string,
  input: UpdateAppointmentInput,
): Promise<Appointment> {
  if (!isUuid(id)) throw notFound('Appointment');
  const row = await changeAppointment(db, who.tenantId, id, { type: 'user', id: who.userId }, (before, tx) =>
    decide(tx, who, before, input),
  );
  return toAppointmentDto(row, who.role, await calendarEventIdsOf(db, who.tenantId, row));
}

async function decide(db: Executor, who: Member, before: AppointmentRow, input: UpdateAppointmentInput) {
  const staff = isStaff(who.role);
  if (!staff && before.userId !== who.userId) throw notFound('Appointment');
  const { syncToCalendar: _ignored, status, startTime, endTime, ...fields } = input;
  const given = Object.keys(input).filter(
    (k) => input[k as keyof UpdateAppointmentInput] !== undefined && k !== 'syncToCalendar',
  );
  if (!staff) assertClientMayEdit(given, before.status === 'pending');
  if (!staff && startTime && Date.parse(startTime) !== before.startTime.getTime()) {
    assertClientRequestAhead(startTime);
  }
  if (status !== undefined) assertStatusChange(who.role, before.status, status);
  if (!staff && status === 'cancelled' && before.status !== 'cancelled') {
    assertClientMayCancel(before.startTime);
  }
  if (fields.assignedAdminId && fields.assignedAdminId !== before.assignedAdminId) {
    await assertPractitioner(db, who.tenantId, fields.assignedAdminId);
  }
  if (fields.productId) await findTenantProduct(db, who.tenantId, fields.productId);

  const start = startTime ? new Date(startTime) : before.startTime;
  const end = endTime ? new Date(endTime) : before.endTime;
  // Only a change of times is held to the rules: a longer appointment imported from a calendar
  // keeps its times when its title is edited.
  const endProblem = startTime || endTime ? appointmentEndProblem(start.getTime(), end.getTime()) : null;
  if (endProblem) {
    throw invalid(`endTime: ${endProblem}`, [{ path: 'body.endTime', message: endProblem }]);
  }
  const patch: AppointmentPatch = { ...fields, startTime: start, endTime: end };
  // Made free: it costs nothing; made paid or repriced: it costs something.
  if (fields.type !== undefined || fields.price !== undefined) {
    const type = fields.type ?? before.type;
    patch.price = priceForType(type, fields.price, type === before.type ? before.price : 0);
  }
  if (status !== undefined) patch.status = status;
  // Whoever confirms (a client may confirm their own request): a paid service's price holds.
  if (status === 'confirmed') Object.assign(patch, await servicePriceOnConfirming(db, who, before, input));
  if (fields.isPaid !== undefined) {
    const type = patch.type ?? before.type;
    const price = patch.price ?? before.price;
    assertPaidMarkChange(before, { type, price, status: patch.status ?? before.status }, fields.isPaid);
  }
  assertChargeChange(
    before,
    {
      type: patch.type ?? before.type,
      price: patch.price ?? before.price,
      currency: patch.currency ?? before.currency,
    },
    fields.isPaid ?? before.isPaid,
  );
  const changed = Object.entries(patch).filter(([key, value]) => {
    const old = before[key as keyof AppointmentRow];
    return value instanceof Date && old instanceof Date ? value.getTime() !== old.getTime() : value !== old;
  });
  if (changed.length === 0) return null;
  return { action: actionOf(before, patch), patch: Object.fromEntries(changed) as AppointmentPatch };
}

/**
 * A client's request is free until the practice prices it (spec 001). One for a paid service,
 * confirmed without a price of its own, takes the service's, rather than losing the charge to a
 * confirmation made at a glance.
 */
async function servicePriceOnConfirming(
  db: Executor,
  who: Member,
  before: AppointmentRow,
  input: UpdateAppointmentInput,
): Promise<Partial<AppointmentPatch>> {
  const unpriced = before.source === 'client' && before.type === 'free' && before.price === 0;
  const pricedNow = input.type !== undefined || input.price !== undefined;
  if (before.status !== 'pending' || !unpriced || pricedNow || !before.productId) return {};
  const product = await findTenantProduct(db, who.tenantId, before.productId);
  return product.type === 'paid' ? { type: 'paid', price: product.price, currency: product.currency } : {};
}

function actionOf(before: AppointmentRow, patch: AppointmentPatch): ChangeAction {
  if (patch.status && patch.status !== before.status) {
    return patch.status === 'pending' ? 'updated' : patch.status;
  }
  if (patch.assignedAdminId && patch.assignedAdminId !== before.assignedAdminId) return 'reassigned';
  return 'updated';
}
