import { and, asc, eq, gt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { appointmentInvoices, appointments, retiredInvoices } from '../db/schema/index.ts';
import type { AppointmentRow } from '../services/appointments/appointment-dto.ts';
import { type Actor, changeAppointment } from '../services/appointments/record-change.ts';
import { type BillingContext, requireLago } from './billing-context.ts';
import { LagoFailure } from './lago-failure.ts';
import { type InvoiceClaimRow, recordInvoice } from './record-invoice.ts';

/**
 * Why an appointment's invoice no longer bills it, or null while it does: the practice voided it
 * in Lago, cancelled the appointment (nothing is owed for it any more: a fee for a late
 * cancellation is invoiced in Lago by hand), or changed its price or currency since the invoice
 * was issued. A paid invoice is never out of date: the money went through, and a paid
 * appointment's price is settled (`assertChargeChange`). Invoices recorded before their amount
 * before taxes was kept (`fees_amount_cents` null) are judged by their currency and status only.
 */
export function outdatedInvoiceReason(
  claim: InvoiceClaimRow,
  appointment: Pick<AppointmentRow, 'price' | 'currency' | 'status'>,
): 'voided' | 'cancelled' | 'repriced' | null {
  if (claim.state !== 'created' || claim.paymentStatus === 'succeeded') return null;
  if (claim.invoiceStatus === 'voided') return 'voided';
  if (appointment.status === 'cancelled') return 'cancelled';
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
 * Right after a PUT changed an appointment's price, type, currency or cancelled it: its invoice,
 * if it is now out of date, is voided at once rather than at the client's next pay request, so a payment
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
    .select({
      claim: appointmentInvoices,
      price: appointments.price,
      currency: appointments.currency,
      status: appointments.status,
    })
    .from(appointmentInvoices)
    .innerJoin(appointments, eq(appointments.id, appointmentInvoices.appointmentId))
    .where(and(eq(appointmentInvoices.appointmentId, appointmentId), eq(appointments.tenantId, tenantId)));
  if (!found || !outdatedInvoiceReason(found.claim, found)) return false;
  try {
    await replaceOutdatedInvoice(billing, found.claim, actor);
    return true;
  } catch (error) {
    log.warn(
      failureDetails(error, tenantId, appointmentId),
      'Out-of-date invoice not voided yet: the sweep or the next pay request replaces it',
    );
    return false;
  }
}

/** Invoices looked at per statement by the sweep. */
const SWEEP_PAGE = 100;
/** Who voids an invoice in the sweep's name, in the appointment's history. */
const SWEEP: Actor = { type: 'system', id: 'billing' };

/**
 * Every practice's invoices that no longer bill their appointment (`outdatedInvoiceReason`, in
 * SQL) and that no pay request has replaced yet: cancelled or repriced while Lago was down, or
 * by a path that does not tell Lago at once (a calendar's cancellation). Each is voided and
 * retired, so neither a payment page still open nor Lago's reminders ask the client for it.
 * Stops at Lago being down; one Lago refuses is logged and the rest go on.
 */
export async function sweepOutdatedInvoices(
  billing: BillingContext,
  log: ReplaceLog,
): Promise<{ replaced: number; failed: number }> {
  const outcome = { replaced: 0, failed: 0 };
  if (!billing.lago) return outcome;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await billing.db
      .select({ claim: appointmentInvoices })
      .from(appointmentInvoices)
      .innerJoin(appointments, eq(appointments.id, appointmentInvoices.appointmentId))
      .where(
        and(
          eq(appointmentInvoices.state, 'created'),
          sql`${appointmentInvoices.paymentStatus} is distinct from 'succeeded'`,
          or(
            eq(appointmentInvoices.invoiceStatus, 'voided'),
            eq(appointments.status, 'cancelled'),
            ne(appointmentInvoices.currency, appointments.currency),
            ne(appointmentInvoices.feesAmountCents, appointments.price),
          ),
          gt(appointmentInvoices.appointmentId, after),
        ),
      )
      .orderBy(asc(appointmentInvoices.appointmentId))
      .limit(SWEEP_PAGE);
    for (const { claim } of page) {
      try {
        await replaceOutdatedInvoice(billing, claim, SWEEP);
        outcome.replaced += 1;
      } catch (error) {
        outcome.failed += 1;
        log.warn(
          failureDetails(error, claim.tenantId, claim.appointmentId),
          'Out-of-date invoice not voided yet',
        );
        if (error instanceof LagoFailure && error.isTransient) return outcome;
        if (!(error instanceof LagoFailure)) throw error;
      }
    }
    if (page.length < SWEEP_PAGE) return outcome;
    after = page.at(-1)!.claim.appointmentId;
  }
}

/** What the log says of a failure: Lago's kind and status, never the request or its key. */
function failureDetails(error: unknown, tenantId: string, appointmentId: string): object {
  return error instanceof LagoFailure
    ? { tenantId, appointmentId, kind: error.kind, status: error.status, code: error.code }
    : { tenantId, appointmentId, err: error };
}

/** Whether Lago's invoice was taken off its appointment: its webhooks are acknowledged, not applied. */
export async function isRetiredInvoice(tx: Executor, lagoInvoiceId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: retiredInvoices.lagoInvoiceId })
    .from(retiredInvoices)
    .where(eq(retiredInvoices.lagoInvoiceId, lagoInvoiceId));
  return row !== undefined;
}
