import type { BillingContext } from './billing-context.ts';
import { replaceAfterRepricing } from './replace-outdated-invoice.ts';
import { settleAfterDeskMark } from './settle-desk-payment.ts';

/** What staff's PUT changed that Lago must hear of. */
interface StaffChange {
  isPaid?: boolean;
  price?: number;
  type?: string;
  currency?: string;
  status?: string;
}

interface ChangeLog {
  warn: (details: object, message: string) => void;
  error: (details: object, message: string) => void;
}

/**
 * After staff's PUT committed: Lago is told of a desk payment (or its undoing) first, since
 * taking the mark back reopens the invoice, which a new price then voids. The answer waits for
 * it a moment at most (`afterCommitWaitMs`): a slow or hung Lago must not hold staff's answer.
 * Past that the work goes on by itself; anything it cannot finish, the desk-payment sweep or
 * the client's next Pay does. True when Lago's answer changed the appointment in time to show.
 */
export async function tellLagoAfterChange(
  billing: BillingContext,
  who: { tenantId: string; userId: string },
  appointmentId: string,
  change: StaffChange,
  log: ChangeLog,
): Promise<boolean> {
  // A new price, type or currency, or a cancellation: the invoice may no longer bill it.
  const mayOutdateInvoice =
    change.price !== undefined ||
    change.type !== undefined ||
    change.currency !== undefined ||
    change.status === 'cancelled';
  if (!billing.lago || (change.isPaid === undefined && !mayOutdateInvoice)) return false;
  const work = (async () => {
    let isChanged = false;
    if (change.isPaid !== undefined)
      isChanged = await settleAfterDeskMark(billing, who.tenantId, appointmentId, log);
    if (mayOutdateInvoice) {
      const actor = { type: 'user', id: who.userId } as const;
      isChanged =
        (await replaceAfterRepricing(billing, who.tenantId, appointmentId, actor, log)) || isChanged;
    }
    return isChanged;
  })().catch((error: unknown) => {
    log.error({ err: error, tenantId: who.tenantId, appointmentId }, 'Lago not told of a change yet');
    return false;
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), billing.afterCommitWaitMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
