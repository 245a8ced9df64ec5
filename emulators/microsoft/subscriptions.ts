import type { EmulatorClock } from '../shared/clock.ts';
import { GraphError } from './errors.ts';
import type { ChangeType, StoredEvent } from './event-store.ts';
import { graphTimestamp, newGuid } from './ids.ts';
import type { NotificationDispatcher } from './notifications.ts';
import type { UserDirectory } from './users.ts';

/** Outlook event subscriptions live at most 4,230 minutes (change-notifications-subscription-lifetime.md @0be37c47). */
export const MAX_EVENT_SUBSCRIPTION_MINUTES = 4230;

export interface Subscription {
  id: string;
  /** Echoed as the client wrote it, without the leading slash (graph-subscriptions-list.real-issue6709.json). */
  resource: string;
  userId: string;
  applicationId: string;
  creatorId: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expiresAt: number;
}

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

const notFound = () => new GraphError(404, 'ResourceNotFound', 'The object was not found.');

export class SubscriptionRegistry {
  private subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly users: UserDirectory,
    private readonly dispatcher: NotificationDispatcher,
  ) {}

  reset(): void {
    this.subscriptions.clear();
  }

  newId(): string {
    return newGuid();
  }

  add(subscription: Subscription): void {
    this.subscriptions.set(subscription.id, subscription);
  }

  /** Expired subscriptions are gone for the API, as Graph deletes them. */
  get(id: string, applicationId?: string): Subscription {
    const subscription = this.subscriptions.get(id);
    if (!subscription || subscription.expiresAt <= this.clock.now()) throw notFound();
    if (applicationId && subscription.applicationId !== applicationId) throw notFound();
    return subscription;
  }

  delete(id: string): void {
    this.subscriptions.delete(id);
  }

  listLive(applicationId: string, userId: string): Subscription[] {
    return [...this.subscriptions.values()].filter(
      (s) => s.applicationId === applicationId && s.userId === userId && s.expiresAt > this.clock.now(),
    );
  }

  all(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  /** Checks an expirationDateTime against now and the Outlook maximum. */
  parseExpiration(value: unknown): number {
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      throw new GraphError(
        400,
        'InvalidRequest',
        "Subscription 'expirationDateTime' is missing or not valid.",
      );
    }
    const now = this.clock.now();
    if (ms <= now) {
      throw new GraphError(400, 'InvalidRequest', 'Subscription expiration must be in the future.');
    }
    if (ms > now + MAX_EVENT_SUBSCRIPTION_MINUTES * 60_000) {
      throw new GraphError(
        400,
        'InvalidRequest',
        `Subscription expiration can only be ${MAX_EVENT_SUBSCRIPTION_MINUTES} minutes in the future.`,
      );
    }
    return ms;
  }

  /** Fans an event change out to every live subscription on that mailbox that asked for this change type. */
  notifyChange(event: StoredEvent, changeType: ChangeType): void {
    const now = this.clock.now();
    const user = this.users.find(event.userId);
    for (const s of this.subscriptions.values()) {
      if (s.userId !== event.userId || s.expiresAt <= now) continue;
      if (!s.changeType.split(',').includes(changeType)) continue;
      // Shape: graph-change-notification-basic.outlook-docs.json (Event instead of Message).
      const resource = `Users/${event.userId}/Events/${event.id}`;
      this.dispatcher.enqueue('change', s.id, s.notificationUrl, {
        value: [
          {
            subscriptionId: s.id,
            subscriptionExpirationDateTime: graphTimestamp(s.expiresAt),
            changeType,
            resource,
            resourceData: {
              '@odata.type': '#Microsoft.Graph.Event',
              '@odata.id': resource,
              '@odata.etag': `W/"${event.changeKey}"`,
              id: event.id,
            },
            clientState: s.clientState,
            tenantId: user?.tenantId ?? '',
          },
        ],
      });
    }
  }

  /** Lifecycle notification (graph-lifecycle-notification.docs.json); subscriptionRemoved also deletes it. */
  sendLifecycle(id: string, lifecycleEvent: LifecycleEvent): Subscription {
    const s = this.subscriptions.get(id);
    if (!s) throw notFound();
    if (!s.lifecycleNotificationUrl) {
      throw new GraphError(400, 'InvalidRequest', 'This subscription has no lifecycleNotificationUrl.');
    }
    this.dispatcher.enqueue('lifecycle', s.id, s.lifecycleNotificationUrl, {
      value: [
        {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: graphTimestamp(s.expiresAt),
          tenantId: this.users.find(s.userId)?.tenantId ?? '',
          clientState: s.clientState,
          lifecycleEvent,
        },
      ],
    });
    if (lifecycleEvent === 'subscriptionRemoved') this.subscriptions.delete(id);
    return s;
  }
}

/** The subscription resource as Graph serialises it (graph-subscription-create-response.docs.json). */
export function renderSubscription(s: Subscription): Record<string, unknown> {
  return {
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    notificationContentType: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: graphTimestamp(s.expiresAt),
    creatorId: s.creatorId,
    includeResourceData: null,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}
