import { and, asc, eq, gt } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { appointments, deskSettlementDue } from '../db/schema/index.ts';
import type { Actor } from '../services/appointments/record-change.ts';
import type { BillingContext } from './billing-context.ts';
import type { LagoClient } from './lago-client.ts';
import { LagoFailure } from './lago-failure.ts';
import { recordInvoice } from './record-invoice.ts';

/**
 * A payment taken at the desk, told to Lago so that its invoice is not left open (dunned, or paid
 * online a second time). The appointment's `is_paid` is the intent, committed by staff's PUT;
 * Lago is told after the commit, by that request and, when that failed, by the sweep:
 * - marked paid, invoice unpaid in Lago → `PUT /invoices/:id {payment_status: succeeded}`;
 * - unmarked after we told Lago → `pending`, reopening the invoice.
 * Lago's answer is recorded like any other (`recordInvoice`, audited), with
 * `invoice_settled_at_desk_at` set or cleared, so that our own `succeeded` is not taken for a
 * payment made online.
 */

const LAGO: Actor = { type: 'system', id: 'lago' };
/** Appointments read per page of the sweep. */
const SWEEP_PAGE = 100;

/** Where failures are reported (pino's shape). */
export interface SettleLog {
  warn: (details: object, message: string) => void;
}

/**
 * Tells Lago what the appointment's mark says, if Lago does not know it yet; true when something
 * was recorded. Throws a LagoFailure when Lago failed (the state stays due: the sweep retries).
 * PUTs are idempotent and each answer is recorded under the appointment's row lock, ordered by
 * Lago's `updated_at`, so two runs at once do no harm. A second round covers a mark changed
 * while Lago was answering.
 */
export async function settleDeskPayment(
  billing: BillingContext & { lago: LagoClient },
  tenantId: string,
  appointmentId: string,
): Promise<boolean> {
  let isRecorded = false;
  for (let round = 0; round < 2; round++) {
    const [due] = await billing.db
      .select({ isPaid: appointments.isPaid, lagoInvoiceId: appointments.lagoInvoiceId })
      .from(appointments)
      .where(
        and(
          eq(appointments.tenantId, tenantId),
          eq(appointments.id, appointmentId),
          deskSettlementDue(appointments),
        ),
      );
    if (!due?.lagoInvoiceId) return isRecorded;
    const step = due.isPaid ? 'succeeded' : 'pending';
    const invoice = await billing.lago.setInvoicePaymentStatus(due.lagoInvoiceId, step);
    await recordInvoice(billing.db, { tenantId, appointmentId }, invoice, LAGO, billing.now(), step);
    isRecorded = true;
  }
  return isRecorded;
}

/**
 * Right after staff's PUT with `isPaid` committed. A failure does not fail their request: the
 * mark stands and the sweep tells Lago later.
 */
export async function settleAfterDeskMark(
  billing: BillingContext,
  tenantId: string,
  appointmentId: string,
  log: SettleLog,
): Promise<boolean> {
  const { lago } = billing;
  if (!lago) return false;
  try {
    return await settleDeskPayment({ ...billing, lago }, tenantId, appointmentId);
  } catch (error) {
    log.warn(failureDetails(error, tenantId, appointmentId), 'Lago not told of a desk payment yet');
    return false;
  }
}

/**
 * Every tenant's appointments whose desk payment Lago has not been told of (or told was taken
 * back), each told for its own tenant. Stops at Lago being down; a refusal of one invoice (say,
 * deleted in Lago) is logged and the rest go on. Nothing without Lago configured.
 */
export async function sweepDeskPayments(
  billing: BillingContext,
  log: SettleLog,
): Promise<{ settled: number; failed: number }> {
  const { lago } = billing;
  const outcome = { settled: 0, failed: 0 };
  if (!lago) return outcome;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await duePage(billing.db, after);
    for (const { id, tenantId } of page) {
      try {
        if (await settleDeskPayment({ ...billing, lago }, tenantId, id)) outcome.settled += 1;
      } catch (error) {
        outcome.failed += 1;
        log.warn(failureDetails(error, tenantId, id), 'Lago not told of a desk payment yet');
        if (error instanceof LagoFailure && error.isTransient) return outcome;
        if (!(error instanceof LagoFailure)) throw error;
      }
    }
    if (page.length < SWEEP_PAGE) return outcome;
    after = page.at(-1)!.id;
  }
}

function duePage(db: Database, after: string) {
  return db
    .select({ id: appointments.id, tenantId: appointments.tenantId })
    .from(appointments)
    .where(and(deskSettlementDue(appointments), gt(appointments.id, after)))
    .orderBy(asc(appointments.id))
    .limit(SWEEP_PAGE);
}

/** What the log says of a failure: Lago's kind and status, never the request or its key. */
function failureDetails(error: unknown, tenantId: string, appointmentId: string): object {
  return error instanceof LagoFailure
    ? { tenantId, appointmentId, kind: error.kind, status: error.status, code: error.code }
    : { tenantId, appointmentId, err: error };
}
