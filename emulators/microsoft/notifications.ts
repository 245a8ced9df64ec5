import type { EmulatorClock } from '../shared/clock.ts';
import { newGuid } from './ids.ts';

export type DeliveryKind = 'validation' | 'change' | 'lifecycle';

export interface DeliveryRecord {
  id: string;
  kind: DeliveryKind;
  subscriptionId: string | null;
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  attempt: number;
  /** Receiver's HTTP status, or null when it could not be reached / timed out. */
  status: number | null;
  responseBody: string | null;
  error: string | null;
  at: string;
}

/**
 * A non-2xx or unreachable receiver is retried immediately, up to this many attempts in all. Graph
 * retries for up to four hours with back-off (change-notifications-delivery-webhooks.md); the
 * emulator keeps the bound small and the retries immediate so tests never wait.
 */
export const MAX_DELIVERY_ATTEMPTS = 3;
/** Receivers must answer within 3 s (change-notifications-delivery-webhooks.md). */
const DELIVERY_TIMEOUT_MS = 3_000;
/** Validation must be answered within 10 s (change-notifications-delivery-notificationurl-validation.md). */
const VALIDATION_TIMEOUT_MS = 10_000;

/** Sends notifications in the background, records every attempt, and lets tests await them all. */
export class NotificationDispatcher {
  records: DeliveryRecord[] = [];
  private pending = new Set<Promise<void>>();

  constructor(private readonly clock: EmulatorClock) {}

  /** Queues a JSON notification; the caller's API response never waits for it. */
  enqueue(kind: 'change' | 'lifecycle', subscriptionId: string, url: string, payload: unknown): void {
    const body = JSON.stringify(payload);
    const delivery = (async () => {
      // Let the API response that caused the change go out first.
      await new Promise((resolve) => setImmediate(resolve));
      for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
        const record = await this.post(kind, subscriptionId, url, body, attempt, DELIVERY_TIMEOUT_MS, {
          'content-type': 'application/json; charset=utf-8',
        });
        if (record.status !== null && record.status >= 200 && record.status < 300) return;
      }
    })();
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  /**
   * The synchronous subscription handshake: POST `{url}?validationToken=...` (text/plain) and expect
   * 200 text/plain echoing the decoded token within 10 s.
   */
  async validate(url: string, subscriptionId: string): Promise<'ok' | 'bad-status' | 'bad-body'> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${newGuid()}`;
    const target = new URL(url);
    target.searchParams.set('validationToken', token);
    const record = await this.post(
      'validation',
      subscriptionId,
      target.toString(),
      '',
      1,
      VALIDATION_TIMEOUT_MS,
      {
        'content-type': 'text/plain; charset=utf-8',
      },
    );
    if (record.status !== 200) return 'bad-status';
    return record.responseBody === token ? 'ok' : 'bad-body';
  }

  async flush(): Promise<number> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    return this.records.length;
  }

  clear(): void {
    this.records = [];
  }

  private async post(
    kind: DeliveryKind,
    subscriptionId: string,
    url: string,
    body: string,
    attempt: number,
    timeoutMs: number,
    headers: Record<string, string>,
  ): Promise<DeliveryRecord> {
    const record: DeliveryRecord = {
      id: newGuid(),
      kind,
      subscriptionId,
      url,
      method: 'POST',
      headers,
      body,
      attempt,
      status: null,
      responseBody: null,
      error: null,
      at: this.clock.date().toISOString(),
    };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      record.status = response.status;
      record.responseBody = await response.text();
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    this.records.push(record);
    return record;
  }
}
