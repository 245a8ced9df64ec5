import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { appointmentInvoices, appointments, retiredInvoices } from '../db/schema/index.ts';
import type { AppointmentRow } from '../services/appointments/appointment-dto.ts';
import { type Actor, changeAppointment } from '../services/appointments/record-change.ts';
import { type BillingContext, requireLago } from './billing-context.ts';
import { LagoFailure } from './lago-failure.ts';
import { type InvoiceClaimRow, recordInvoice } from './record-invoice.ts';

/**
 * Why an appointment's invoice no longer bills it, or null while it does: the practice voided it
 * in Lago, or changed the appointment's price or currency since it was issued. A paid invoice
 * is never out of date: the money went through, and a paid appointment's price is settled
 * (`assertChargeChange`). Invoices recorded before their amount before taxes was kept
 * (`fees_amount_cents` null) are judged by their currency and status only.
 */
export function outdatedInvoiceReason(
  claim: InvoiceClaimRow,
  appointment: Pick<AppointmentRow, 'price' | 'currency'>,
): 'voided' | 'repriced' | null {
  if (claim.state !== 'created' || claim.paymentStatus === 'succeeded') return null;
  if (claim.invoiceStatus === 'voided') return 'voided';
  if (claim.currency !== null && claim.currency !== appointment.currency) return 'repriced';
  if (claim.feesAmountCents !== null && claim.feesAmountCents !== appointment.price) return 'repriced';
  return null;
}

/**
 * Takes an out-of-date invoice off its appointment, so that the next pay request issues one for
 * the price it has now: voided in Lago first (unless it is already), then, in one transaction,
 * retired (its webhooks are ignored from then on) and forgotten by the appointment (audited).
 * Lago refusing the void (`not_voidable`) means the invoice was paid meanwhile, its webhook not
 * here yet: what Lago holds is recorded instead, and the appointment shows the payment.
 * Lago failing otherwise leaves everything as it was (a LagoFailure for the caller).
 * Two requests at once: the second finds the invoice voided or already retired, and changes nothing.
 */
export async function replaceOutdatedInvoice(
  billing: BillingContext,
  claim: InvoiceClaimRow,
  actor: Actor,
): Promise<void> {
  const lagoInvoiceId = claim.lagoInvoiceId!;
  if (claim.invoiceStatus !== 'voided') {
    const lago = requireLago(billing);
    try {
      await lago.voidInvoice(lagoInvoiceId);
    } catch (error) {
      if (!(error instanceof LagoFailure && error.code === 'not_voidable')) throw error;
      const invoice = await lago.getInvoice(lagoInvoiceId);
      if (invoice.status !== 'voided') {
        await billing.db.transaction((tx) => recordInvoice(tx, claim, invoice, actor, billing.now()));
        return;
      }
    }
  }
  await billing.db.transaction((tx) => retireInvoice(tx, claim, actor));
}

async function retireInvoice(tx: Executor, claim: InvoiceClaimRow, actor: Actor): Promise<void> {
  await changeAppointment(tx, claim.tenantId, claim.appointmentId, actor, async (_before, inner) => {
    const released = await inner
      .delete(appointmentInvoices)
      .where(
        and(
          eq(appointmentInvoices.appointmentId, claim.appointmentId),
          eq(appointmentInvoices.lagoInvoiceId, claim.lagoInvoiceId!),
        ),
      )
      .returning({ appointmentId: appointmentInvoices.appointmentId });
    if (released.length === 0) return null;
    await inner
      .insert(retiredInvoices)
      .values({
        lagoInvoiceId: claim.lagoInvoiceId!,
        appointmentId: claim.appointmentId,
        tenantId: claim.tenantId,
        invoiceNumber: claim.invoiceNumber,
      })
      .onConflictDoNothing();
    return {
      action: 'updated',
      patch: {
        lagoInvoiceId: null,
        lagoInvoiceNumber: null,
        paymentStatus: null,
        invoiceSettledAtDeskAt: null,
      },
    };
  });
}

/** Where a failure after staff's PUT is told (Fastify's request log). */
interface ReplaceLog {
  warn: (details: object, message: string) => void;
}

/**
 * Right after staff's PUT changed an appointment's price, type or currency: its invoice, if it is
 * now out of date, is voided at once rather than at the client's next pay request, so a payment
 * page the client still has open stops taking the old amount. A failure does not fail staff's
 * request: it is logged, and the next pay request replaces the invoice. True when something changed.
 */
export async function replaceAfterRepricing(
  billing: BillingContext,
  tenantId: string,
  appointmentId: string,
  actor: Actor,
  log: ReplaceLog,
): Promise<boolean> {
  if (!billing.lago) return false;
  const [found] = await billing.db
    .select({ claim: appointmentInvoices, price: appointments.price, currency: appointments.currency })
    .from(appointmentInvoices)
    .innerJoin(appointments, eq(appointments.id, appointmentInvoices.appointmentId))
    .where(and(eq(appointmentInvoices.appointmentId, appointmentId), eq(appointments.tenantId, tenantId)));
  if (!found || !outdatedInvoiceReason(found.claim, found)) return false;
  try {
    await replaceOutdatedInvoice(billing, found.claim, actor);
    return true;
  } catch (error) {
    const details =
      error instanceof LagoFailure
        ? { tenantId, appointmentId, kind: error.kind, status: error.status, code: error.code }
        : { tenantId, appointmentId, err: error };
    log.warn(details, 'Out-of-date invoice not voided yet: the next pay request replaces it');
    return false;
  }
}

/** Whether Lago's invoice was taken off its appointment: its webhooks are acknowledged, not applied. */
export async function isRetiredInvoice(tx: Executor, lagoInvoiceId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: retiredInvoices.lagoInvoiceId })
    .from(retiredInvoices)
    .where(eq(retiredInvoices.lagoInvoiceId, lagoInvoiceId));
  return row !== undefined;
}
