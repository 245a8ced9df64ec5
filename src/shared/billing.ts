import { z } from 'zod';
import { appointmentStatuses } from './appointments.ts';

/** The answer of `POST /api/appointments/:id/pay`: the appointment's Lago invoice. */
export const payResultSchema = z.object({
  /** Lago's id of the invoice (`lago_id`). */
  invoiceId: z.string(),
  invoiceNumber: z.string(),
  /** Cents, the invoice's total. */
  amount: z.number().int(),
  currency: z.string(),
  /** Lago's invoice status: `finalized` for a new one-off invoice (also draft, voided, failed). */
  status: z.string(),
  /** `pending` until Lago reports the payment: `succeeded` or `failed`. */
  paymentStatus: z.string(),
  /**
   * Where to pay the invoice online: the checkout page of the payment provider Lago links the
   * client to (LAGO_PAYMENT_PROVIDER), made anew on each call. Null when the invoice is paid,
   * when it cannot be paid online (no provider, or one without checkout such as GoCardless),
   * and for staff when Lago failed to give it.
   */
  paymentUrl: z.url().nullable(),
  /**
   * True when `paymentUrl` is null only for now: Lago is still creating the client's account at
   * the payment provider (a background job after a new client's first invoice), or is attempting
   * a payment of this invoice itself. Ask again in a few seconds.
   */
  paymentUrlPending: z.boolean(),
  /**
   * Set when `paymentUrl` is null because the payment provider refused to register the client
   * (Lago's `customer.payment_provider_error`: an e-mail it rejects, its own configuration). No
   * link can be made until that is fixed; the next call after the client's details change, or
   * after an hour, has Lago try again. `message` is the provider's words, for staff only (null
   * for the client).
   */
  providerRefusal: z.object({ message: z.string().nullable(), failedAt: z.iso.datetime() }).nullable(),
});
export type PayResult = z.infer<typeof payResultSchema>;

/** One line of the payments page: a paid-type appointment and where its payment stands. */
export const paymentSchema = z.object({
  appointmentId: z.string(),
  title: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  status: z.enum(appointmentStatuses),
  /** The client's user id; null for people booked without an account. */
  userId: z.string().nullable(),
  clientName: z.string().nullable(),
  /** Cents. */
  amount: z.number().int(),
  currency: z.string(),
  isPaid: z.boolean(),
  /** Null before an invoice exists; then Lago's `pending`, `succeeded` or `failed`. */
  paymentStatus: z.string().nullable(),
  invoiceId: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  /** Whether `POST /api/appointments/:id/pay` may be called (not paid, not cancelled, price > 0). */
  canPay: z.boolean(),
  /**
   * Unpaid, and the payment provider refused to register the client it is invoiced to, so it
   * cannot be paid online for now (the pay answer's `providerRefusal` says more).
   */
  providerRefused: z.boolean(),
});
export type Payment = z.infer<typeof paymentSchema>;

/** What `POST /api/lago-webhook` answers Lago: whether the delivery changed anything. */
export const webhookReceiptSchema = z.object({
  outcome: z.enum(['applied', 'ignored', 'duplicate']),
});
export type WebhookReceipt = z.infer<typeof webhookReceiptSchema>;
