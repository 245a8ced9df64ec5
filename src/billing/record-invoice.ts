import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { appointmentInvoices } from '../db/schema/index.ts';
import { isPaidOnline } from '../domain/appointment-payment.ts';
import type { AppointmentRow } from '../services/appointments/appointment-dto.ts';
import {
  type Actor,
  type AppointmentPatch,
  changeAppointment,
} from '../services/appointments/record-change.ts';
import type { LagoInvoice } from './lago-client.ts';

export type InvoiceClaimRow = typeof appointmentInvoices.$inferSelect;

/** On equal `updated_at`, the more settled payment status wins: a payment is not undone by a tie. */
const settledness: Record<string, number> = { pending: 0, failed: 1, succeeded: 2 };

/**
 * Whether an invoice snapshot is older than the one last applied, so must not overwrite it. Lago's
 * `updated_at` has whole seconds: within one, Lago's answer to our own PUT (`isDeskAnswer`) is the
 * latest we know of, since we asked after what we had recorded.
 */
function isStale(claim: InvoiceClaimRow, invoice: LagoInvoice, isDeskAnswer: boolean): boolean {
  if (!claim.lagoUpdatedAt) return false;
  const difference = invoice.updatedAt.getTime() - claim.lagoUpdatedAt.getTime();
  if (difference !== 0) return difference < 0;
  if (isDeskAnswer) return false;
  if (claim.isDeskAnswer) return true;
  return (settledness[invoice.paymentStatus] ?? 0) < (settledness[claim.paymentStatus ?? ''] ?? 0);
}

async function lockClaim(tx: Executor, appointmentId: string): Promise<InvoiceClaimRow | undefined> {
  const [claim] = await tx
    .select()
    .from(appointmentInvoices)
    .where(eq(appointmentInvoices.appointmentId, appointmentId))
    .for('update');
  return claim;
}

/**
 * The appointment's columns for a payment state; null when they already say so. A payment the
 * practice recorded at the desk stays: Lago's invoice left open (pending, or a failed attempt)
 * says nothing about money taken in person. While Lago's `succeeded` is our own word of a desk
 * payment (`settledAtDesk`), the appointment's `is_paid` is the practice's, whatever Lago says.
 */
function paymentPatch(
  before: AppointmentRow,
  invoice: { lagoId: string; number: string | null },
  paymentStatus: string,
  settledAtDesk: Date | null = before.invoiceSettledAtDeskAt,
): AppointmentPatch | null {
  const isPaidAtDesk = before.isPaid && !isPaidOnline(before);
  const patch: AppointmentPatch = {
    lagoInvoiceId: invoice.lagoId,
    lagoInvoiceNumber: invoice.number,
    paymentStatus,
    isPaid: settledAtDesk ? before.isPaid : paymentStatus === 'succeeded' || isPaidAtDesk,
    invoiceSettledAtDeskAt: settledAtDesk,
  };
  const unchanged =
    before.lagoInvoiceId === patch.lagoInvoiceId &&
    before.lagoInvoiceNumber === patch.lagoInvoiceNumber &&
    before.paymentStatus === patch.paymentStatus &&
    before.isPaid === patch.isPaid &&
    before.invoiceSettledAtDeskAt?.getTime() === settledAtDesk?.getTime();
  return unchanged ? null : patch;
}

/**
 * Records what Lago says about an appointment's invoice — the answer to its creation, or a
 * webhook — on the claim row and, through the appointments write path (audit trail with the
 * given actor), on the appointment. Locks the appointment first, then its claim, the same order
 * as a pay request. A snapshot older than the last one applied changes nothing; an invoice other
 * than the one already recorded is left alone (there is one invoice per appointment).
 * `deskSettlement`: the snapshot is Lago's answer to our word of a desk payment (`succeeded`,
 * or `pending` when it was taken back), which sets or clears `invoice_settled_at_desk_at`.
 */
export async function recordInvoice(
  tx: Executor,
  claim: Pick<InvoiceClaimRow, 'appointmentId' | 'tenantId'>,
  invoice: LagoInvoice,
  actor: Actor,
  now: Date,
  deskSettlement?: 'succeeded' | 'pending',
): Promise<{ isApplied: boolean; claim: InvoiceClaimRow }> {
  let outcome: { isApplied: boolean; claim: InvoiceClaimRow } | undefined;
  await changeAppointment(tx, claim.tenantId, claim.appointmentId, actor, async (before, inner) => {
    const current = await lockClaim(inner, claim.appointmentId);
    if (!current) throw new Error(`no invoice claim for appointment ${claim.appointmentId}`);
    const isOtherInvoice = current.lagoInvoiceId !== null && current.lagoInvoiceId !== invoice.lagoId;
    if (isOtherInvoice || isStale(current, invoice, deskSettlement !== undefined)) {
      outcome = { isApplied: false, claim: current };
      return null;
    }
    const [updated] = await inner
      .update(appointmentInvoices)
      .set({
        state: 'created',
        lagoInvoiceId: invoice.lagoId,
        invoiceNumber: invoice.number,
        invoiceStatus: invoice.status,
        amountCents: invoice.amountCents,
        feesAmountCents: invoice.feesAmountCents ?? current.feesAmountCents,
        currency: invoice.currency,
        paymentStatus: invoice.paymentStatus,
        lagoUpdatedAt: invoice.updatedAt,
        isDeskAnswer: deskSettlement !== undefined,
        updatedAt: now,
      })
      .where(eq(appointmentInvoices.appointmentId, claim.appointmentId))
      .returning();
    outcome = { isApplied: true, claim: updated! };
    const settledAtDesk =
      deskSettlement === undefined || invoice.paymentStatus !== deskSettlement
        ? before.invoiceSettledAtDeskAt
        : deskSettlement === 'succeeded'
          ? (before.invoiceSettledAtDeskAt ?? now)
          : null;
    const patch = paymentPatch(before, invoice, invoice.paymentStatus, settledAtDesk);
    return patch ? { action: 'updated', patch } : null;
  });
  return outcome!;
}

/**
 * `invoice.payment_failure` carries no invoice snapshot, only its id: the payment is marked
 * failed unless the invoice is already paid (a failed retry does not undo a payment).
 */
export async function recordPaymentFailure(
  tx: Executor,
  claim: InvoiceClaimRow,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  let isApplied = false;
  await changeAppointment(tx, claim.tenantId, claim.appointmentId, actor, async (before, inner) => {
    const current = await lockClaim(inner, claim.appointmentId);
    if (!current?.lagoInvoiceId || current.paymentStatus === 'succeeded') return null;
    await inner
      .update(appointmentInvoices)
      .set({ paymentStatus: 'failed', updatedAt: now })
      .where(eq(appointmentInvoices.appointmentId, claim.appointmentId));
    isApplied = true;
    const patch = paymentPatch(
      before,
      { lagoId: current.lagoInvoiceId, number: current.invoiceNumber },
      'failed',
    );
    return patch ? { action: 'updated', patch } : null;
  });
  return isApplied;
}
