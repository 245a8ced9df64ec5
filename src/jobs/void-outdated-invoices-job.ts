import type { BillingContext } from '../billing/billing-context.ts';
import { sweepOutdatedInvoices } from '../billing/replace-outdated-invoice.ts';
import type { SettleLog } from '../billing/settle-desk-payment.ts';

/**
 * `billing.void-outdated-invoices`: every few minutes, the unpaid invoices of appointments
 * cancelled or repriced without Lago hearing of it at once are voided (replace-outdated-invoice.ts).
 * Nothing without Lago.
 */
export const voidOutdatedInvoicesJob = {
  name: 'billing.void-outdated-invoices',
  cron: '*/5 * * * *',
  async handle(billing: BillingContext | undefined, log: SettleLog) {
    return billing ? sweepOutdatedInvoices(billing, log) : { replaced: 0, failed: 0 };
  },
};
