import type { Payment } from '../../../../shared/billing.ts';
import type { BadgeTone } from '../../../components/badge.tsx';

export type PaymentState = 'paid' | 'failed' | 'invoiced' | 'due' | 'cancelled';

/** Where a payment stands, in the words the page uses. */
export function paymentState(p: Payment): PaymentState {
  if (p.isPaid) return 'paid';
  if (p.status === 'cancelled') return 'cancelled';
  if (p.paymentStatus === 'failed') return 'failed';
  if (p.invoiceId) return 'invoiced';
  return 'due';
}

export const paymentTones: Record<PaymentState, BadgeTone> = {
  paid: 'emerald',
  failed: 'rose',
  invoiced: 'indigo',
  due: 'amber',
  cancelled: 'neutral',
};
