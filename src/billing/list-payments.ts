import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { appointmentInvoices, appointments, lagoCustomerProviderErrors } from '../db/schema/index.ts';
import { isStaff, type Member } from '../domain/permissions.ts';
import type { Payment } from '../shared/billing.ts';

/**
 * The payments page (`GET /api/payments`): paid-type appointments, latest first — a client's
 * own, or the whole practice's for staff — with their invoice and payment state, and whether the
 * payment provider refused the client the invoice is billed to.
 */
export async function listPayments(db: Executor, who: Member): Promise<Payment[]> {
  const rows = await db
    .select({ row: appointments, refusedAt: lagoCustomerProviderErrors.failedAt })
    .from(appointments)
    .leftJoin(appointmentInvoices, eq(appointmentInvoices.appointmentId, appointments.id))
    .leftJoin(
      lagoCustomerProviderErrors,
      and(
        eq(lagoCustomerProviderErrors.customerExternalId, appointmentInvoices.lagoCustomerExternalId),
        eq(lagoCustomerProviderErrors.tenantId, appointments.tenantId),
      ),
    )
    .where(
      and(
        eq(appointments.tenantId, who.tenantId),
        eq(appointments.type, 'paid'),
        isStaff(who.role) ? undefined : eq(appointments.userId, who.userId),
      ),
    )
    .orderBy(desc(appointments.startTime), desc(appointments.id));
  return rows.map(({ row, refusedAt }) => ({
    appointmentId: row.id,
    title: row.title,
    startTime: row.startTime.toISOString(),
    endTime: row.endTime.toISOString(),
    status: row.status,
    userId: row.userId,
    clientName: row.attendeeName,
    amount: row.price,
    currency: row.currency,
    isPaid: row.isPaid,
    paymentStatus: row.paymentStatus,
    invoiceId: row.lagoInvoiceId,
    invoiceNumber: row.lagoInvoiceNumber,
    canPay: !row.isPaid && row.status !== 'cancelled' && row.price > 0,
    providerRefused: refusedAt !== null && !row.isPaid,
  }));
}
