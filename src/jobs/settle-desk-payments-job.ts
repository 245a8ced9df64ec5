import type { BillingContext } from '../billing/billing-context.ts';
import { type SettleLog, sweepDeskPayments } from '../billing/settle-desk-payment.ts';

/**
 * `billing.settle-desk-payments`: every few minutes, Lago is told of the desk payments (and
 * their undoing) it missed when staff made them (settle-desk-payment.ts). Nothing without Lago.
 */
export const settleDeskPaymentsJob = {
  name: 'billing.settle-desk-payments',
  cron: '*/5 * * * *',
  async handle(billing: BillingContext | undefined, log: SettleLog) {
    return billing ? sweepDeskPayments(billing, log) : { settled: 0, failed: 0 };
  },
};
