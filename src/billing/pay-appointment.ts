import { isDeepStrictEqual } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { appointmentInvoices, appointments } from '../db/schema/index.ts';
import { unpayableReason } from '../domain/appointment-payment.ts';
import { AppError, forbidden, notFound } from '../domain/errors.ts';
import { isStaff, type Member } from '../domain/permissions.ts';
import type { AppointmentRow } from '../services/appointments/appointment-dto.ts';
import { findVisibleAppointment } from '../services/appointments/find-visible-appointment.ts';
import type { Actor } from '../services/appointments/record-change.ts';
import type { PayResult } from '../shared/billing.ts';
import { type BillingContext, requireLago } from './billing-context.ts';
import type { LagoClient, LagoCustomerAtProvider, LagoCustomerInput, LagoInvoice } from './lago-client.ts';
import { lagoCustomerFor } from './lago-customer.ts';
import { LagoFailure } from './lago-failure.ts';
import { findProviderRefusal, forgetProviderRefusal, type ProviderRefusal } from './provider-refusal.ts';
import { type InvoiceClaimRow, recordInvoice } from './record-invoice.ts';
import { outdatedInvoiceReason, replaceOutdatedInvoice } from './replace-outdated-invoice.ts';

/** An appointment's invoice as recorded, before its payment link is asked for. */
type IssuedInvoice = Omit<PayResult, 'paymentUrl' | 'paymentUrlPending' | 'providerRefusal'>;

/** The reference each invoice line carries: how an invoice is found again in Lago and in webhooks. */
export const appointmentReference = (appointmentId: string) => `Rendezvous appointment ${appointmentId}`;

/** The add-on every invoice of a practice bills (one-off invoices can only bill add-ons). */
const addOnCode = (tenantId: string) => `rendezvous_appointment_${tenantId}`;

type Claimed =
  | { kind: 'invoiced'; claim: InvoiceClaimRow; customer: LagoCustomerInput }
  | { kind: 'outdated'; claim: InvoiceClaimRow; appointment: AppointmentRow }
  | {
      kind: 'claimed';
      appointment: AppointmentRow;
      customer: LagoCustomerInput;
      mustReconcile: boolean;
      firstAttemptAt: Date;
    };

/**
 * `POST /api/appointments/:id/pay`: the Lago invoice of a paid appointment, created on the first
 * call and returned again on later ones. Guarantees:
 * - one invoice per appointment across repeated and concurrent calls: the first call claims the
 *   appointment (a row written under the appointment's lock) before calling Lago; a call that
 *   finds a fresh claim gets PAYMENT_IN_PROGRESS, one that finds the invoice gets it back;
 * - Lago down, slow or failing: PAYMENT_PROVIDER_UNAVAILABLE and the appointment unchanged;
 * - an answer lost after Lago may have created the invoice (timeout, cut connection, 5xx): the
 *   claim is kept as `uncertain` and the next call first looks the invoice up in Lago by the
 *   reference on its line, creating one only if none is found. Lago has no idempotency key for
 *   invoices, so this relies on Lago's invoice list being current when we look; an invoice Lago
 *   creates after that lookup (a request stuck for minutes in Lago) is not caught.
 * - a process that dies mid-call leaves a `creating` claim; after the lease it counts as uncertain.
 * - an invoice that no longer bills the appointment (its price or currency changed since, or the
 *   practice voided it in Lago) is voided and replaced by one for the price it has now
 *   (replace-outdated-invoice.ts); Lago refusing the void is a 409 saying so.
 */
export async function payAppointment(
  billing: BillingContext,
  who: Member,
  id: string,
  { askProviderAgain = false }: PayOptions = {},
): Promise<PayResult> {
  // Each ask queues a creation at the provider: staff ask once they have fixed what it refused.
  if (askProviderAgain && !isStaff(who.role)) {
    throw forbidden('Only staff can ask the payment provider again (askProviderAgain)');
  }
  const actor: Actor = { type: 'user', id: who.userId };
  let claimed = await claimAppointment(billing, who, id);
  if (claimed.kind === 'outdated') {
    try {
      await replaceOutdatedInvoice(billing, claimed.claim, actor);
    } catch (error) {
      throw toAppError(error);
    }
    claimed = await claimAppointment(billing, who, id);
    if (claimed.kind === 'outdated') throw notVoidable(claimed.claim, claimed.appointment);
  }
  const lago = requireLago(billing);
  if (claimed.kind === 'invoiced') {
    const relink = { customer: claimed.customer, askProviderAgain };
    return withPaymentUrl(billing, who, toPayResult(claimed.claim), { relink });
  }
  const { appointment } = claimed;
  const attempt = { isCreating: false };
  let invoice: LagoInvoice;
  let refused: ProviderRefusal | null;
  try {
    ({ invoice, refused } = await obtainInvoice(billing, lago, claimed, attempt, askProviderAgain));
  } catch (error) {
    const isOutcomeUnknown = attempt.isCreating && error instanceof LagoFailure && error.isOutcomeUnknown;
    await releaseClaim(billing, appointment.id, isOutcomeUnknown || claimed.mustReconcile);
    throw toAppError(error);
  }
  const { claim } = await billing.db.transaction((tx) =>
    recordInvoice(
      tx,
      { appointmentId: appointment.id, tenantId: appointment.tenantId },
      invoice,
      actor,
      billing.now(),
    ),
  );
  return withPaymentUrl(billing, who, toPayResult(claim), { refused });
}

export interface PayOptions {
  /**
   * Staff only: send the client to be created at the payment provider again now, though it
   * refused them within the hour and their details are unchanged (the practice has fixed the
   * provider's settings in Lago).
   */
  askProviderAgain?: boolean;
}

/** A refusal by the provider is kept this long; the next Pay after it sends the client again. */
export const PROVIDER_REFUSAL_RETRY_MS = 60 * 60_000;

/**
 * Whether the client's details we would send differ from those Lago (and so the provider) has.
 * A client's company counts too: Lago gives the provider its address.
 */
function isChanged(customer: LagoCustomerInput, atLago: LagoCustomerAtProvider): boolean {
  return (
    customer.name !== atLago.name ||
    (customer.email !== null && customer.email !== atLago.email) ||
    (customer.phone !== null && customer.phone !== atLago.phone) ||
    (customer.company !== undefined && !isDeepStrictEqual(customer.company, atLago.company))
  );
}

/** Whether to link the customer to the provider on this upsert, and a refusal that stands. */
interface LinkDecision {
  link: boolean;
  refused: ProviderRefusal | null;
}

/**
 * Whether a customer must be linked to the payment provider (`sync_with_provider`), which has
 * Lago create it there. Each such upsert of a customer not yet at the provider queues one more
 * creation job in Lago, and two running at once could create the client twice at the provider;
 * so only when needed:
 * - a customer Lago does not have, or has without our provider (invoiced before
 *   LAGO_PAYMENT_PROVIDER was set, or unlinked in Lago since): linked;
 * - one at the provider already, or one Lago is creating there: not linked again;
 * - one the provider refused (`customer.payment_provider_error`): the refusal stands until the
 *   client's details have changed since, an hour has passed, or staff ask again; then linked
 *   again, which has Lago try the provider anew.
 */
function linkDecision(
  customer: LagoCustomerInput,
  atLago: LagoCustomerAtProvider | null,
  refusal: ProviderRefusal | null,
  { now, askProviderAgain }: { now: Date; askProviderAgain: boolean },
): LinkDecision {
  if (!atLago?.isSyncing) return { link: true, refused: null };
  if (atLago.providerCustomerId || !refusal) return { link: false, refused: null };
  const isOld = now.getTime() - refusal.failedAt.getTime() >= PROVIDER_REFUSAL_RETRY_MS;
  return askProviderAgain || isOld || isChanged(customer, atLago)
    ? { link: true, refused: null }
    : { link: false, refused: refusal };
}

/**
 * Sends the client's details to Lago, linking them to the payment provider as `linkDecision`
 * says; a refusal is forgotten once the client is sent to be created at the provider again.
 */
async function sendCustomer(
  billing: BillingContext,
  lago: LagoClient,
  tenantId: string,
  customer: LagoCustomerInput,
  { onlyToLink, askProviderAgain }: { onlyToLink: boolean; askProviderAgain: boolean },
): Promise<LinkDecision> {
  if (!lago.linksCustomers) {
    if (!onlyToLink) await lago.upsertCustomer(customer, { linkToProvider: false });
    return { link: false, refused: null };
  }
  const [atLago, refusal] = await Promise.all([
    lago.customerAtProvider(customer.externalId),
    findProviderRefusal(billing.db, tenantId, customer.externalId),
  ]);
  const decision = linkDecision(customer, atLago, refusal, { now: billing.now(), askProviderAgain });
  if (onlyToLink && !decision.link) return decision;
  await lago.upsertCustomer(customer, { linkToProvider: decision.link });
  if (decision.link && refusal) await forgetProviderRefusal(billing.db, customer.externalId);
  return decision;
}

/** Lago's refusals of a payment link that sending the customer again (linked) may cure. */
const RELINKABLE = new Set(['no_linked_payment_provider', 'missing_payment_provider_customer']);

/**
 * Lago's refusals that pass by themselves within seconds: its background job has not yet created
 * the customer at the payment provider (right after the first invoice of a new customer), or it is
 * attempting a payment of the invoice itself (a card on file).
 */
const NOT_YET = new Set([
  'missing_payment_provider_customer',
  'payment_processor_is_currently_handling_payment',
]);

/**
 * The invoice with its checkout link at the payment provider, asked anew on every call: a
 * checkout session expires. Lago saying the invoice cannot be paid online gives null, marked
 * `paymentUrlPending` when the reason passes by itself, or `providerRefusal` when the provider
 * refused the client — except that a customer that must be linked again (`linkDecision`) is, and
 * the link asked once more. Lago failing meanwhile: the client, who came to pay, is told to try
 * again (the invoice is kept and found again); staff, who came to issue the invoice, get it
 * without the link.
 */
async function withPaymentUrl(
  billing: BillingContext,
  who: Member,
  invoice: IssuedInvoice,
  customer:
    | { relink: { customer: LagoCustomerInput; askProviderAgain: boolean } }
    | { refused: ProviderRefusal | null },
): Promise<PayResult> {
  const lago = requireLago(billing);
  const noLink = { ...invoice, paymentUrl: null, paymentUrlPending: false, providerRefusal: null };
  if (invoice.paymentStatus === 'succeeded') return noLink;
  try {
    let answer = await lago.invoicePaymentUrl(invoice.invoiceId);
    // Just sent with the new invoice: its decision stands. Else sent again only if it must be.
    let refused = 'refused' in customer ? customer.refused : null;
    if ('refusal' in answer && 'relink' in customer && RELINKABLE.has(answer.refusal)) {
      const { customer: relinked, askProviderAgain } = customer.relink;
      const sent = await sendCustomer(billing, lago, who.tenantId, relinked, {
        onlyToLink: true,
        askProviderAgain,
      });
      if (sent.link) answer = await lago.invoicePaymentUrl(invoice.invoiceId);
      refused = sent.refused;
    }
    if ('url' in answer) return { ...noLink, paymentUrl: answer.url };
    if (refused && RELINKABLE.has(answer.refusal)) {
      // The provider's words may name its configuration: staff read them, the client is told to ask.
      const message = isStaff(who.role) ? refused.message : null;
      return { ...noLink, providerRefusal: { message, failedAt: refused.failedAt.toISOString() } };
    }
    return { ...noLink, paymentUrlPending: lago.linksCustomers && NOT_YET.has(answer.refusal) };
  } catch (error) {
    if (isStaff(who.role)) return noLink;
    throw error instanceof LagoFailure && error.isTransient
      ? new AppError(
          'PAYMENT_PROVIDER_UNAVAILABLE',
          `Invoice ${invoice.invoiceNumber} is issued, but Lago did not answer with its payment page; nothing was charged, try again in a moment`,
          { provider: 'lago', reason: error.kind, invoiceId: invoice.invoiceId },
        )
      : toAppError(error);
  }
}

/**
 * The customer and the add-on first (both idempotent), then the invoice: looked up when an
 * earlier attempt may have created it, else created. An add-on deleted in Lago since we cached
 * it is created again. Also the provider's refusal of the client, if it stands.
 */
async function obtainInvoice(
  billing: BillingContext,
  lago: LagoClient,
  claimed: Extract<Claimed, { kind: 'claimed' }>,
  attempt: { isCreating: boolean },
  askProviderAgain: boolean,
): Promise<{ invoice: LagoInvoice; refused: ProviderRefusal | null }> {
  const { appointment, customer } = claimed;
  const addOn = {
    code: addOnCode(appointment.tenantId),
    name: 'Appointment',
    currency: appointment.currency,
  };
  const { refused } = await sendCustomer(billing, lago, appointment.tenantId, customer, {
    onlyToLink: false,
    askProviderAgain,
  });
  await lago.ensureAddOn(addOn);
  const found = claimed.mustReconcile ? await lookUpInvoice(lago, claimed) : null;
  if (found) return { invoice: found, refused };
  attempt.isCreating = true;
  const create = () =>
    lago.createOneOffInvoice({
      externalCustomerId: customer.externalId,
      currency: appointment.currency,
      addOnCode: addOn.code,
      amountCents: appointment.price,
      displayName: appointment.title,
      description: `${appointment.startTime.toISOString().slice(0, 10)} · ${appointmentReference(appointment.id)}`,
    });
  try {
    return { invoice: await create(), refused };
  } catch (error) {
    if (!(error instanceof LagoFailure && error.code === 'add_on_not_found')) throw error;
    lago.forgetAddOn(addOn.code);
    await lago.ensureAddOn(addOn);
    return { invoice: await create(), refused };
  }
}

/** Checks the appointment can be paid by this member and claims it, in one transaction. */
async function claimAppointment(billing: BillingContext, who: Member, id: string): Promise<Claimed> {
  return billing.db.transaction(async (tx) => {
    // Visible to this member (else 404), then locked: concurrent pay requests queue here.
    const visible = await findVisibleAppointment(tx, who, id);
    const [appointment] = await tx
      .select()
      .from(appointments)
      .where(eq(appointments.id, visible.id))
      .for('update');
    if (!appointment) throw notFound('Appointment');
    assertPayable(appointment);
    requireLago(billing);
    const [claim] = await tx
      .select()
      .from(appointmentInvoices)
      .where(eq(appointmentInvoices.appointmentId, id));
    if (claim?.state === 'created') {
      if (outdatedInvoiceReason(claim, appointment)) return { kind: 'outdated', claim, appointment };
      const customer = {
        ...(await lagoCustomerFor(tx, appointment)),
        externalId: claim.lagoCustomerExternalId,
      };
      return { kind: 'invoiced', claim, customer };
    }
    const now = billing.now();
    if (claim?.state === 'creating' && now.getTime() - claim.claimedAt.getTime() < billing.claimLeaseMs) {
      throw new AppError(
        'PAYMENT_IN_PROGRESS',
        'An invoice is being created for this appointment; try again in a moment',
      );
    }
    const customer = await lagoCustomerFor(tx, appointment);
    if (!claim) {
      await tx.insert(appointmentInvoices).values({
        appointmentId: id,
        tenantId: appointment.tenantId,
        state: 'creating',
        claimedAt: now,
        lagoCustomerExternalId: customer.externalId,
      });
      return { kind: 'claimed', appointment, customer, mustReconcile: false, firstAttemptAt: now };
    }
    // An uncertain claim, or one abandoned mid-call: an invoice may exist under its customer.
    await tx
      .update(appointmentInvoices)
      .set({ state: 'creating', claimedAt: now, mustReconcile: true, updatedAt: now })
      .where(eq(appointmentInvoices.appointmentId, id));
    return {
      kind: 'claimed',
      appointment,
      customer: { ...customer, externalId: claim.lagoCustomerExternalId },
      mustReconcile: true,
      firstAttemptAt: claim.createdAt,
    };
  });
}

/** An invoice still out of date once replaced: Lago kept it (a lost dispute, a credit note). */
function notVoidable(claim: InvoiceClaimRow, appointment: AppointmentRow): AppError {
  return new AppError(
    'INVALID_STATE',
    `Invoice ${claim.invoiceNumber ?? claim.lagoInvoiceId} no longer matches this appointment's price, and Lago does not let it be voided; void it or credit it in Lago, then ask again`,
    {
      invoiceId: claim.lagoInvoiceId,
      invoicedAmount: claim.feesAmountCents,
      invoicedCurrency: claim.currency,
      price: appointment.price,
      currency: appointment.currency,
    },
  );
}

function assertPayable(appointment: AppointmentRow): void {
  if (appointment.isPaid) throw new AppError('ALREADY_PAID', 'This appointment is already paid');
  const reason = unpayableReason(appointment);
  if (reason) {
    throw new AppError('NOT_PAYABLE', `This appointment cannot be paid: ${reason}`, {
      type: appointment.type,
      price: appointment.price,
      status: appointment.status,
    });
  }
}

/** Invoices are dated in the organization's zone: start the search a day before the first try. */
async function lookUpInvoice(
  lago: LagoClient,
  claimed: Extract<Claimed, { kind: 'claimed' }>,
): Promise<LagoInvoice | null> {
  const from = new Date(claimed.firstAttemptAt.getTime() - 24 * 3_600_000).toISOString().slice(0, 10);
  return lago.findOneOffInvoice(
    claimed.customer.externalId,
    from,
    appointmentReference(claimed.appointment.id),
  );
}

/** After a failed attempt: forget the claim if Lago surely did nothing, else keep it for a lookup. */
async function releaseClaim(
  billing: BillingContext,
  appointmentId: string,
  mayExist: boolean,
): Promise<void> {
  const where = eq(appointmentInvoices.appointmentId, appointmentId);
  if (mayExist) {
    await billing.db
      .update(appointmentInvoices)
      .set({ state: 'uncertain', mustReconcile: true, updatedAt: billing.now() })
      .where(and(where, eq(appointmentInvoices.state, 'creating')));
  } else {
    await billing.db.delete(appointmentInvoices).where(and(where, eq(appointmentInvoices.state, 'creating')));
  }
}

function toAppError(error: unknown): unknown {
  if (!(error instanceof LagoFailure)) return error;
  if (error.isTransient) {
    return new AppError(
      'PAYMENT_PROVIDER_UNAVAILABLE',
      'The payment provider (Lago) is unavailable; nothing was charged or changed, try again later',
      { provider: 'lago', reason: error.kind },
    );
  }
  if (error.kind === 'rejected') {
    const problems = Object.entries(error.details ?? {}).map(
      ([field, codes]) => `${field}: ${codes.join(', ')}`,
    );
    return new AppError(
      'PAYMENT_PROVIDER_REJECTED',
      `Lago refused the invoice${problems.length ? ` (${problems.join('; ')})` : ''}`,
      { provider: 'lago', errors: error.details ?? {} },
    );
  }
  // 401/403/404/400 from Lago: our configuration or our request is wrong, not the caller's.
  return new AppError(
    'PAYMENT_PROVIDER_UNAVAILABLE',
    `The payment provider refused the request (${error.kind}); the administrator should check the Lago configuration`,
    { provider: 'lago', reason: error.kind, status: error.status },
  );
}

function toPayResult(claim: InvoiceClaimRow): IssuedInvoice {
  return {
    invoiceId: claim.lagoInvoiceId!,
    invoiceNumber: claim.invoiceNumber ?? '',
    amount: claim.amountCents ?? 0,
    currency: claim.currency ?? '',
    status: claim.invoiceStatus ?? 'finalized',
    paymentStatus: claim.paymentStatus ?? 'pending',
  };
}
