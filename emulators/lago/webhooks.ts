import { randomUUID } from 'node:crypto';
import type { EmulatorClock } from '../shared/clock.ts';
import { hmacSignature, jwtSignature, railsJson, type SignatureAlgo, webhookKeys } from './signing.ts';
import type { LagoState, WebhookEndpointRecord } from './state.ts';

/**
 * Outgoing webhooks, delivered the way lago-api does it:
 * - one webhook per registered endpoint, body `{webhook_type, object_type, organization_id,
 *   <object_type>: {...}}` (app/services/webhooks/base_service.rb);
 * - sent in the background, never inside the API request (SendHttpWebhookJob);
 * - a non-2xx answer or a network error is retried while `retries < LAGO_WEBHOOK_ATTEMPTS`
 *   (default 3), so at most 3 attempts, waiting `retries**4 + 2` seconds (send_http_service.rb).
 *   Lago adds up to 15% jitter; the emulator leaves it out so tests can advance the clock exactly.
 * Retries fall due on the emulator clock; a poller picks them up, and `flush()` runs them now.
 */

export interface WebhookAttempt {
  attempt: number;
  at: string;
  /** The receiver's HTTP status, or null when it could not be reached. */
  receiverStatus: number | null;
  error: string | null;
  isReplay: boolean;
}

export interface WebhookDelivery {
  /** The webhook's uuid: also its `X-Lago-Unique-Key`, identical on every retry and replay. */
  id: string;
  webhookType: string;
  objectType: string;
  endpointId: string;
  url: string;
  signatureAlgo: SignatureAlgo;
  headers: Record<string, string>;
  /** The exact bytes sent and signed. */
  body: string;
  status: 'pending' | 'succeeded' | 'failed';
  retries: number;
  /** Emulator-clock time (ms) when the next attempt is due; null while sending or when done. */
  nextAttemptAt: number | null;
  attempts: WebhookAttempt[];
}

export interface WebhookSettings {
  hmacKey: string;
  /** `iss` of JWT signatures: Lago puts its own URL (ENV LAGO_API_URL) there. */
  issuer: () => string;
  maxAttempts: number;
  timeoutMs: number;
}

const POLL_INTERVAL_MS = 200;

export const retryDelaySeconds = (retries: number) => retries ** 4 + 2;

export class WebhookDispatcher {
  private deliveries: WebhookDelivery[] = [];
  private inFlight = new Set<Promise<void>>();
  private sending = new Set<string>();
  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: LagoState,
    private readonly clock: EmulatorClock,
    readonly settings: WebhookSettings,
  ) {}

  start(): void {
    this.poller = setInterval(() => this.attemptDue(), POLL_INTERVAL_MS);
    this.poller.unref();
  }

  stop(): void {
    clearInterval(this.poller);
  }

  reset(): void {
    this.deliveries = [];
  }

  list(): WebhookDelivery[] {
    return this.deliveries;
  }

  find(id: string): WebhookDelivery | undefined {
    return this.deliveries.find((delivery) => delivery.id === id);
  }

  /** Queues `webhookType` for every endpoint that listens to it; returns without sending. */
  emit(webhookType: string, objectType: string, object: unknown): void {
    const payload = {
      webhook_type: webhookType,
      object_type: objectType,
      organization_id: this.state.organization.id,
      [objectType]: object,
    };
    const body = railsJson(payload);
    for (const endpoint of this.state.webhookEndpoints) {
      if (endpoint.eventTypes && !endpoint.eventTypes.includes(webhookType)) continue;
      this.deliveries.push(this.newDelivery(endpoint, webhookType, objectType, body));
    }
    setImmediate(() => this.attemptDue());
  }

  /** Starts every attempt that is due on the emulator clock. */
  attemptDue(): void {
    const now = this.clock.now();
    for (const delivery of this.deliveries) {
      const isDue = delivery.nextAttemptAt !== null && delivery.nextAttemptAt <= now;
      if (delivery.status === 'pending' && isDue && !this.sending.has(delivery.id)) {
        this.track(this.sendScheduled(delivery));
      }
    }
  }

  /** Resolves once every due delivery, including retries made due meanwhile, has been attempted. */
  async flush(): Promise<{ pending: number; succeeded: number; failed: number }> {
    this.attemptDue();
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
      this.attemptDue();
    }
    const count = (status: WebhookDelivery['status']) =>
      this.deliveries.filter((delivery) => delivery.status === status).length;
    return { pending: count('pending'), succeeded: count('succeeded'), failed: count('failed') };
  }

  /** Sends a webhook again byte for byte, same unique key: what a receiver must deduplicate. */
  async replay(delivery: WebhookDelivery): Promise<WebhookAttempt> {
    const attempt = await this.post(delivery, true);
    if (isAcknowledged(attempt)) {
      delivery.status = 'succeeded';
      delivery.nextAttemptAt = null;
    }
    return attempt;
  }

  private newDelivery(
    endpoint: WebhookEndpointRecord,
    webhookType: string,
    objectType: string,
    body: string,
  ): WebhookDelivery {
    const id = randomUUID();
    const signature =
      endpoint.signatureAlgo === 'hmac'
        ? hmacSignature(body, this.settings.hmacKey)
        : jwtSignature(body, this.settings.issuer(), webhookKeys().privateKey);
    return {
      id,
      webhookType,
      objectType,
      endpointId: endpoint.lagoId,
      url: endpoint.url,
      signatureAlgo: endpoint.signatureAlgo,
      // webhook.rb `generate_headers`, plus the JSON content type LagoHttpClient posts with.
      headers: {
        'Content-Type': 'application/json',
        'X-Lago-Signature': signature,
        'X-Lago-Signature-Algorithm': endpoint.signatureAlgo,
        'X-Lago-Unique-Key': id,
      },
      body,
      status: 'pending',
      retries: 0,
      nextAttemptAt: this.clock.now(),
      attempts: [],
    };
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async sendScheduled(delivery: WebhookDelivery): Promise<void> {
    this.sending.add(delivery.id);
    delivery.nextAttemptAt = null;
    try {
      const attempt = await this.post(delivery, false);
      if (isAcknowledged(attempt)) {
        delivery.status = 'succeeded';
        return;
      }
      delivery.retries += 1;
      if (delivery.retries < this.settings.maxAttempts) {
        delivery.nextAttemptAt = this.clock.now() + retryDelaySeconds(delivery.retries) * 1000;
      } else {
        delivery.status = 'failed';
      }
    } finally {
      this.sending.delete(delivery.id);
    }
  }

  private async post(delivery: WebhookDelivery, isReplay: boolean): Promise<WebhookAttempt> {
    const attempt: WebhookAttempt = {
      attempt: delivery.attempts.length + 1,
      at: this.clock.date().toISOString(),
      receiverStatus: null,
      error: null,
      isReplay,
    };
    delivery.attempts.push(attempt);
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      await response.arrayBuffer();
      attempt.receiverStatus = response.status;
    } catch (error) {
      attempt.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    return attempt;
  }
}

function isAcknowledged(attempt: WebhookAttempt): boolean {
  return attempt.receiverStatus !== null && attempt.receiverStatus >= 200 && attempt.receiverStatus < 300;
}
