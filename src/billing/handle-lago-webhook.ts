import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../db/client.ts';
import { appointmentInvoices, lagoWebhookReceipts } from '../db/schema/index.ts';
import { invalid } from '../domain/errors.ts';
import type { Actor } from '../services/appointments/record-change.ts';
import type { WebhookReceipt } from '../shared/billing.ts';
import type { BillingContext } from './billing-context.ts';
import { type LagoInvoice, lagoInvoiceSchema, toLagoInvoice } from './lago-client.ts';
import {
  forgetProviderRefusal,
  type ProviderCustomerError,
  recordProviderRefusal,
} from './provider-refusal.ts';
import { type InvoiceClaimRow, recordInvoice, recordPaymentFailure } from './record-invoice.ts';
import { isRetiredInvoice } from './replace-outdated-invoice.ts';
import { type LagoSignatureHeaders, verifyLagoSignature } from './verify-lago-signature.ts';

export interface LagoWebhookDelivery extends LagoSignatureHeaders {
  /** The body exactly as received: what the signature covers. */
  rawBody: Buffer;
  /** X-Lago-Unique-Key: the webhook's id, the same on Lago's retries. */
  uniqueKey?: string;
}

/** Webhook changes are Lago's, recorded as the system's in the audit trail. */
const LAGO: Actor = { type: 'system', id: 'lago' };

const envelopeSchema = z.looseObject({ webhook_type: z.string(), object_type: z.string() });
const webhookInvoiceSchema = lagoInvoiceSchema.extend({
  customer: z.looseObject({ external_id: z.string() }).optional(),
});
const paymentErrorSchema = z.looseObject({ lago_invoice_id: z.string() });
// lago-openapi CustomerPaymentProviderErrorObject: `provider_error` is the provider's, text or object.
const customerErrorSchema = z.looseObject({
  external_customer_id: z.string(),
  provider_error: z.union([z.string(), z.looseObject({})]).nullish(),
});
const customerSchema = z.looseObject({ external_id: z.string() });

const REFERENCE = /Rendezvous appointment ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

type Effect =
  | { kind: 'invoice'; invoice: LagoInvoice; appointmentId: string | null; customerExternalId: string | null }
  | { kind: 'payment_failure'; lagoInvoiceId: string }
  | { kind: 'customer_refused'; error: ProviderCustomerError }
  | { kind: 'customer_registered'; customerExternalId: string };

/**
 * `POST /api/lago-webhook`. The signature is checked on the raw body first (INVALID_SIGNATURE,
 * nothing read or written otherwise). Each delivery is recorded by its unique key in the same
 * transaction as its effect: a repeated key changes nothing, and a delivery whose effect failed
 * is retried by Lago. The appointment is found by its invoice's Lago id (Lago's organization_id
 * is Lago's, not a tenant of ours); an invoice we do not know is acknowledged and ignored.
 * Every webhook carrying an invoice (`invoice.created`, `invoice.one_off_created`,
 * `invoice.payment_status_updated`, ...) applies its payment status if it is newer than the last
 * one applied; `invoice.payment_failure` marks an unpaid invoice failed. An invoice taken off its
 * appointment (retired: voided, then replaced) is ignored; `invoice.voided` of the current one
 * records it voided, and the next pay request issues another.
 * `customer.payment_provider_error` records that the payment provider refused to register one of
 * our clients (no payment link until fixed), `customer.payment_provider_created` forgets it.
 */
export async function handleLagoWebhook(
  billing: BillingContext,
  delivery: LagoWebhookDelivery,
): Promise<WebhookReceipt> {
  await verifyLagoSignature(billing, delivery.rawBody, delivery);
  if (!delivery.uniqueKey) {
    throw invalid('The X-Lago-Unique-Key header is missing', [
      { path: 'headers.x-lago-unique-key', message: 'Required' },
    ]);
  }
  const envelope = parseEnvelope(delivery.rawBody);
  const effect = effectOf(envelope);
  const uniqueKey = delivery.uniqueKey.slice(0, 200);
  return billing.db.transaction(async (tx) => {
    const [isNew] = await tx
      .insert(lagoWebhookReceipts)
      .values({
        uniqueKey,
        webhookType: envelope.webhook_type.slice(0, 100),
        lagoInvoiceId: invoiceIdOf(effect),
      })
      .onConflictDoNothing()
      .returning({ uniqueKey: lagoWebhookReceipts.uniqueKey });
    if (!isNew) return { outcome: 'duplicate' };
    if (!effect) return { outcome: 'ignored' };
    const now = billing.now();
    if (effect.kind === 'customer_refused') {
      const isRecorded = await recordProviderRefusal(tx, effect.error, now);
      return { outcome: isRecorded ? 'applied' : 'ignored' };
    }
    if (effect.kind === 'customer_registered') {
      const isForgotten = await forgetProviderRefusal(tx, effect.customerExternalId);
      return { outcome: isForgotten ? 'applied' : 'ignored' };
    }
    if (effect.kind === 'payment_failure') {
      const claim = await claimByInvoiceId(tx, effect.lagoInvoiceId);
      const isApplied = claim ? await recordPaymentFailure(tx, claim, LAGO, now) : false;
      return { outcome: isApplied ? 'applied' : 'ignored' };
    }
    // An invoice taken off its appointment (voided and replaced): its late news is not the new one's.
    if (await isRetiredInvoice(tx, effect.invoice.lagoId)) return { outcome: 'ignored' };
    const claim =
      (await claimByInvoiceId(tx, effect.invoice.lagoId)) ??
      (effect.invoice.status === 'voided'
        ? null
        : await unfinishedClaim(tx, effect.appointmentId, effect.customerExternalId));
    if (!claim) return { outcome: 'ignored' };
    const { isApplied } = await recordInvoice(tx, claim, effect.invoice, LAGO, now);
    return { outcome: isApplied ? 'applied' : 'ignored' };
  });
}

function parseEnvelope(rawBody: Buffer): z.infer<typeof envelopeSchema> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw invalid('The webhook body is not JSON');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw invalid('The webhook body has no webhook_type or object_type', [
      { path: 'body.webhook_type', message: 'Required' },
    ]);
  }
  return parsed.data;
}

function invoiceIdOf(effect: Effect | null): string | null {
  if (effect?.kind === 'invoice') return effect.invoice.lagoId;
  return effect?.kind === 'payment_failure' ? effect.lagoInvoiceId : null;
}

/** The provider's message in `provider_error`: Lago passes on the provider's error as it came. */
function providerMessage(providerError: string | Record<string, unknown> | null | undefined) {
  if (typeof providerError === 'string') return { message: providerError, errorCode: null };
  const field = (name: string) => {
    const value = providerError?.[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  };
  return { message: field('message'), errorCode: field('error_code') };
}

/** What a webhook says about an invoice or a client; null for anything we do not act on. */
function effectOf(envelope: z.infer<typeof envelopeSchema>): Effect | null {
  const object = envelope[envelope.object_type];
  if (envelope.object_type === 'invoice') {
    const parsed = webhookInvoiceSchema.safeParse(object);
    if (!parsed.success) return null;
    const reference = parsed.data.fees?.map((fee) => fee.description?.match(REFERENCE)?.[1]).find(Boolean);
    return {
      kind: 'invoice',
      invoice: toLagoInvoice(parsed.data),
      appointmentId: reference?.toLowerCase() ?? null,
      customerExternalId: parsed.data.customer?.external_id ?? null,
    };
  }
  if (envelope.webhook_type === 'invoice.payment_failure') {
    const parsed = paymentErrorSchema.safeParse(object);
    return parsed.success ? { kind: 'payment_failure', lagoInvoiceId: parsed.data.lago_invoice_id } : null;
  }
  if (envelope.webhook_type === 'customer.payment_provider_error') {
    const parsed = customerErrorSchema.safeParse(object);
    if (!parsed.success) return null;
    const error = {
      customerExternalId: parsed.data.external_customer_id,
      ...providerMessage(parsed.data.provider_error),
    };
    return { kind: 'customer_refused', error };
  }
  if (envelope.webhook_type === 'customer.payment_provider_created') {
    const parsed = customerSchema.safeParse(object);
    return parsed.success
      ? { kind: 'customer_registered', customerExternalId: parsed.data.external_id }
      : null;
  }
  return null;
}

async function claimByInvoiceId(tx: Executor, lagoInvoiceId: string): Promise<InvoiceClaimRow | null> {
  const [claim] = await tx
    .select()
    .from(appointmentInvoices)
    .where(eq(appointmentInvoices.lagoInvoiceId, lagoInvoiceId));
  return claim ?? null;
}

/**
 * An invoice we created but whose creation answer has not been recorded yet (still in flight,
 * or lost): its line names the appointment, and the claim's customer must be the invoice's.
 */
async function unfinishedClaim(
  tx: Executor,
  appointmentId: string | null,
  customerExternalId: string | null,
): Promise<InvoiceClaimRow | null> {
  if (!appointmentId || !customerExternalId) return null;
  const [claim] = await tx
    .select()
    .from(appointmentInvoices)
    .where(
      and(
        eq(appointmentInvoices.appointmentId, appointmentId),
        eq(appointmentInvoices.lagoCustomerExternalId, customerExternalId),
        isNull(appointmentInvoices.lagoInvoiceId),
      ),
    );
  return claim ?? null;
}
