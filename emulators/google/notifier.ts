import type { Calendar, Channel, GoogleEmulatorState, NotificationDelivery } from './state.ts';

/**
 * Push notifications (push guide, PROVIDERS.md A4; headers as in google-push-notification-headers.txt):
 * an HTTP POST with an empty body and the X-Goog-* headers. Deliveries never block the API
 * response; each channel's messages go out in order, and `flush()` waits for all of them.
 */

// The User-Agent of the real captured notifications (headers fixture, part c).
const USER_AGENT = 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)';
const DELIVERY_TIMEOUT_MS = 10_000;

export class Notifier {
  private readonly pending = new Set<Promise<void>>();
  private readonly lastByChannel = new Map<string, Promise<void>>();

  constructor(private readonly state: GoogleEmulatorState) {}

  isLive(channel: Channel): boolean {
    return !channel.stopped && channel.expiration > this.state.clock.now();
  }

  /** The first message on a new channel: state `sync`, message number 1 (A4). */
  sendSync(channel: Channel): void {
    this.send(channel, 'sync');
  }

  calendarChanged(calendar: Calendar): void {
    for (const channel of this.state.channels.values()) {
      if (channel.calendarId === calendar.id && this.isLive(channel)) this.send(channel, 'exists');
    }
  }

  /** Resolves once every delivery queued so far (and any queued meanwhile) has been attempted. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private send(channel: Channel, resourceState: NotificationDelivery['resourceState']): void {
    channel.messageNumber += 1;
    const headers: Record<string, string> = {
      'content-type': 'application/json; utf-8',
      'user-agent': USER_AGENT,
      'x-goog-channel-id': channel.id,
      // Present only if the channel expires; RFC 1123 date like "Tue, 19 Nov 2013 01:13:52 GMT".
      'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
      'x-goog-resource-id': channel.resourceId,
      'x-goog-resource-uri': channel.resourceUri,
      'x-goog-resource-state': resourceState,
      'x-goog-message-number': String(channel.messageNumber),
    };
    // "Present only if set" (A4).
    if (channel.token !== undefined) headers['x-goog-channel-token'] = channel.token;
    const delivery: NotificationDelivery = {
      channelId: channel.id,
      url: channel.address,
      headers,
      resourceState,
      messageNumber: channel.messageNumber,
      at: this.state.clock.date().toISOString(),
    };
    this.state.deliveries.push(delivery);
    const previous = this.lastByChannel.get(channel.id) ?? Promise.resolve();
    const attempt = previous.then(() => deliver(delivery));
    this.lastByChannel.set(channel.id, attempt);
    this.pending.add(attempt);
    void attempt.finally(() => {
      this.pending.delete(attempt);
      if (this.lastByChannel.get(channel.id) === attempt) this.lastByChannel.delete(channel.id);
    });
  }
}

async function deliver(delivery: NotificationDelivery): Promise<void> {
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: delivery.headers,
      body: '',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    delivery.status = response.status;
    await response.body?.cancel();
  } catch (error) {
    delivery.error = error instanceof Error ? error.message : String(error);
  }
}
