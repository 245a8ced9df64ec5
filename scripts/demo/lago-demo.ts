import { DEFAULT_API_KEY, DEFAULT_HMAC_KEY, startLagoEmulator } from '../../emulators/lago/server.ts';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import type { BillingContext } from '../../src/billing/billing-context.ts';
import { payAppointment } from '../../src/billing/pay-appointment.ts';
import type { Member } from '../../src/domain/permissions.ts';

/**
 * The demo's Lago: the emulator on a fixed port, so the Pay button creates real (emulated)
 * invoices, and a webhook endpoint pointing back at Rendezvous, so a payment marked in the
 * emulator reaches the app signed exactly as Lago signs it.
 */
export async function startDemoLago(port: number, publicUrl?: string): Promise<RunningEmulator> {
  return startLagoEmulator({
    port,
    host: '127.0.0.1',
    apiKey: DEFAULT_API_KEY,
    hmacKey: DEFAULT_HMAC_KEY,
    // After paying on the emulated checkout, the client lands back on their payments.
    checkoutSuccessUrl: publicUrl ? new URL('/dashboard/payments', publicUrl).toString() : undefined,
  });
}

/**
 * Environment that points Rendezvous at the demo's Lago emulator (HMAC-signed webhooks), with
 * customers linked to an (emulated) Stripe, so the Pay button leads to a checkout page.
 */
export function demoLagoEnv(url: string): Record<string, string> {
  return {
    LAGO_API_URL: `${url}/api/v1`,
    LAGO_API_KEY: DEFAULT_API_KEY,
    LAGO_WEBHOOK_SECRET: DEFAULT_HMAC_KEY,
    LAGO_PAYMENT_PROVIDER: 'stripe',
  };
}

/** Lago's webhook endpoint set to Rendezvous' `/api/lago-webhook`, as an administrator would in Lago. */
export async function registerDemoWebhook(lago: RunningEmulator, publicUrl: string): Promise<void> {
  const response = await fetch(`${lago.url}/__emulator/webhook-endpoints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: new URL('/api/lago-webhook', publicUrl).toString(), signatureAlgo: 'hmac' }),
  });
  if (!response.ok) throw new Error(`Lago emulator refused the webhook endpoint: ${await response.text()}`);
}

/** How the payment provider is played in the demo: the emulator's checkout page. */
export function demoLagoHint(url: string): string {
  return [
    `  Lago: emulated at ${url}. A client's Pay button issues the invoice and opens the emulator's`,
    `    checkout page, which plays the card payment (staff find the same link on the appointment).`,
  ].join('\n');
}

/**
 * The demo's past consultation, paid as a client pays: the Pay path creates its invoice in the
 * emulated Lago, then the emulator plays the card payment and its signed webhook marks the
 * appointment paid in Rendezvous. So the payments page shows a paid invoice, not a payment
 * without one. Runs once, when the practice is created, with Rendezvous listening.
 */
export async function payDemoConsultation(
  lago: RunningEmulator,
  billing: BillingContext,
  payer: Member,
  appointmentId: string,
): Promise<void> {
  const invoice = await payAppointment(billing, payer, appointmentId);
  const response = await fetch(`${lago.url}/__emulator/invoices/${invoice.invoiceId}/payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'succeeded' }),
  });
  if (!response.ok) throw new Error(`Lago emulator refused the payment: ${await response.text()}`);
}
