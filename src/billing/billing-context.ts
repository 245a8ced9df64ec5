import type { AppConfig } from '../config/index.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../domain/errors.ts';
import { LagoClient } from './lago-client.ts';
import { WebhookPublicKey } from './webhook-public-key.ts';

/** What the billing operations share: the database, Lago (when configured) and webhook secrets. */
export interface BillingContext {
  db: Database;
  /** Null when LAGO_API_KEY is not set: payments are then refused with PAYMENTS_NOT_CONFIGURED. */
  lago: LagoClient | null;
  /** LAGO_WEBHOOK_SECRET: the organization's HMAC key, for `hmac` webhook signatures. */
  webhookHmacKey: string | null;
  /** Lago's RSA key for `jwt` webhook signatures, fetched from Lago once and cached. */
  webhookPublicKey: WebhookPublicKey | null;
  /** The `iss` Lago puts in its JWT signatures: its own URL, LAGO_API_URL without `/api/v1`. */
  webhookIssuer: string;
  /** How long a pay attempt may hold its claim before another request may take over. */
  claimLeaseMs: number;
  /**
   * How long staff's answer waits for Lago to be told of their change (a desk payment, a new
   * price); past it, the answer goes and Lago is told in the background (tell-lago-after-change.ts).
   */
  afterCommitWaitMs: number;
  now: () => Date;
}

export function createBillingContext(
  db: Database,
  config: Pick<
    AppConfig,
    | 'LAGO_API_URL'
    | 'LAGO_API_KEY'
    | 'LAGO_WEBHOOK_SECRET'
    | 'LAGO_PAYMENT_PROVIDER'
    | 'LAGO_PAYMENT_PROVIDER_CODE'
  >,
  options: { timeoutMs?: number; afterCommitWaitMs?: number; now?: () => Date } = {},
): BillingContext {
  const lago = config.LAGO_API_KEY
    ? new LagoClient({
        apiUrl: config.LAGO_API_URL,
        apiKey: config.LAGO_API_KEY,
        timeoutMs: options.timeoutMs,
        paymentProvider: config.LAGO_PAYMENT_PROVIDER && {
          type: config.LAGO_PAYMENT_PROVIDER,
          code: config.LAGO_PAYMENT_PROVIDER_CODE,
        },
      })
    : null;
  return {
    db,
    lago,
    webhookHmacKey: config.LAGO_WEBHOOK_SECRET ?? null,
    webhookPublicKey: lago ? new WebhookPublicKey(() => lago.fetchWebhookPublicKey()) : null,
    webhookIssuer: config.LAGO_API_URL.replace(/\/+$/, '').replace(/\/api\/v1$/, ''),
    // Several Lago calls of at most the timeout each, with room to spare.
    claimLeaseMs: 2 * 60_000,
    // Lago usually answers in tens of milliseconds: waiting that long shows its answer at once.
    afterCommitWaitMs: options.afterCommitWaitMs ?? 3_000,
    now: options.now ?? (() => new Date()),
  };
}

export function requireLago(billing: BillingContext): LagoClient {
  if (!billing.lago) {
    throw new AppError(
      'PAYMENTS_NOT_CONFIGURED',
      'Payments are not set up for this installation: ask the administrator to configure Lago (LAGO_API_KEY)',
    );
  }
  return billing.lago;
}
