import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { appointmentInvoices, lagoCustomerProviderErrors } from '../db/schema/index.ts';

/** The payment provider's refusal to register a client, as Lago's webhook reported it. */
export type ProviderRefusal = typeof lagoCustomerProviderErrors.$inferSelect;

/** What `customer.payment_provider_error` says: `provider_error` is the provider's own, a text or an object. */
export interface ProviderCustomerError {
  customerExternalId: string;
  message: string | null;
  errorCode: string | null;
}

const clip = (text: string | null, length: number) => (text === null ? null : text.slice(0, length));

/**
 * Records a refusal for a customer we have invoiced: the tenant is the one of its invoices, so a
 * webhook naming any other customer changes nothing. A later refusal replaces an earlier one
 * (the webhook carries no time of its own: the refusal is dated by its arrival).
 * Returns whether it was recorded.
 */
export async function recordProviderRefusal(
  tx: Executor,
  error: ProviderCustomerError,
  at: Date,
): Promise<boolean> {
  const [invoiced] = await tx
    .select({ tenantId: appointmentInvoices.tenantId })
    .from(appointmentInvoices)
    .where(eq(appointmentInvoices.lagoCustomerExternalId, error.customerExternalId))
    .limit(1);
  if (!invoiced) return false;
  const row = {
    customerExternalId: error.customerExternalId,
    tenantId: invoiced.tenantId,
    message: clip(error.message, 1_000),
    errorCode: clip(error.errorCode, 200),
    failedAt: at,
  };
  await tx
    .insert(lagoCustomerProviderErrors)
    .values(row)
    .onConflictDoUpdate({
      target: lagoCustomerProviderErrors.customerExternalId,
      set: { message: row.message, errorCode: row.errorCode, failedAt: row.failedAt },
    });
  return true;
}

/** The recorded refusal of a practice's customer, if any. */
export async function findProviderRefusal(
  tx: Executor,
  tenantId: string,
  customerExternalId: string,
): Promise<ProviderRefusal | null> {
  const [refusal] = await tx
    .select()
    .from(lagoCustomerProviderErrors)
    .where(
      and(
        eq(lagoCustomerProviderErrors.tenantId, tenantId),
        eq(lagoCustomerProviderErrors.customerExternalId, customerExternalId),
      ),
    );
  return refusal ?? null;
}

/**
 * Forgets a customer's refusal: the client is registered at the provider at last, or was sent to
 * Lago again, which queues a new registration. Returns whether there was one.
 */
export async function forgetProviderRefusal(tx: Executor, customerExternalId: string): Promise<boolean> {
  const removed = await tx
    .delete(lagoCustomerProviderErrors)
    .where(eq(lagoCustomerProviderErrors.customerExternalId, customerExternalId))
    .returning({ id: lagoCustomerProviderErrors.customerExternalId });
  return removed.length > 0;
}
