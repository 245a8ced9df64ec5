import type { AppointmentStatus, AppointmentType } from '../shared/appointments.ts';
import { AppError } from './errors.ts';

interface Payable {
  type: AppointmentType;
  price: number;
  status: AppointmentStatus;
}

/** Why an appointment cannot be paid, in words that finish "cannot be paid: …"; null when it can. */
export function unpayableReason(appointment: Payable): string | null {
  if (appointment.type !== 'paid') return 'it is a free appointment';
  if (appointment.price <= 0) return 'its price is 0';
  if (appointment.status === 'cancelled') return 'it is cancelled';
  return null;
}

/**
 * Lago's word that the appointment's invoice was paid online: `payment_status` `succeeded`
 * (written only from Lago's answers and webhooks) that is not the echo of a desk payment we told
 * Lago of (`invoiceSettledAtDeskAt`). Any other paid appointment was marked paid by the practice.
 */
export function isPaidOnline(appointment: {
  paymentStatus: string | null;
  invoiceSettledAtDeskAt: Date | null;
}): boolean {
  return appointment.paymentStatus === 'succeeded' && appointment.invoiceSettledAtDeskAt === null;
}

/**
 * Staff mark an appointment paid when the client paid at the desk (cash, card), and unmark it
 * when that was a mistake. Whether a client may set `isPaid` at all is `assertClientMayEdit`'s
 * (they may not). `after` is the appointment as the same request leaves it (a type, price or
 * status given with `isPaid` counts).
 * - Marking paid needs something to pay: a paid, priced, not cancelled appointment.
 * - A payment Lago reported is not undone here: the money went through the payment provider,
 *   and a refund is made there.
 */
export function assertPaidMarkChange(
  before: { isPaid: boolean; paymentStatus: string | null; invoiceSettledAtDeskAt: Date | null },
  after: Payable,
  isPaid: boolean,
): void {
  if (isPaid === before.isPaid) return;
  if (isPaid) {
    const reason = unpayableReason(after);
    if (reason) {
      throw new AppError('NOT_PAYABLE', `This appointment cannot be marked paid: ${reason}`, {
        type: after.type,
        price: after.price,
        status: after.status,
      });
    }
    return;
  }
  if (isPaidOnline(before)) {
    throw new AppError(
      'INVALID_STATE',
      'This appointment was paid online through its invoice: that payment cannot be undone here (refund it through the payment provider)',
      { paymentStatus: before.paymentStatus },
    );
  }
}

interface Charge {
  type: AppointmentType;
  price: number;
  currency: string;
}

/**
 * What a paid appointment cost is settled: its type, price or currency change only with the
 * practice's mark taken back first (or in the same request), so that "paid" never stands for an
 * amount nobody paid. A payment made online cannot be taken back here, so its price stays.
 */
export function assertChargeChange(
  before: Charge & { isPaid: boolean; paymentStatus: string | null; invoiceSettledAtDeskAt: Date | null },
  after: Charge,
  isPaidAfter: boolean,
): void {
  if (!before.isPaid || !isPaidAfter) return;
  if (after.type === before.type && after.price === before.price && after.currency === before.currency)
    return;
  const details = { isPaid: true, price: before.price, currency: before.currency };
  if (isPaidOnline(before)) {
    throw new AppError(
      'INVALID_STATE',
      'This appointment was paid online: its price cannot change (refund it through the payment provider first)',
      details,
    );
  }
  throw new AppError(
    'INVALID_STATE',
    'This appointment is marked paid: mark it unpaid before changing its price',
    details,
  );
}
