import { EmulatorClock } from '../shared/clock.ts';
import { FaultInjector } from '../shared/faults.ts';
import { DeltaSync } from './delta-sync.ts';
import { EventStore } from './event-store.ts';
import { IdentityStore } from './identity-store.ts';
import { NotificationDispatcher } from './notifications.ts';
import { SubscriptionRegistry } from './subscriptions.ts';
import { UserDirectory } from './users.ts';

/** Everything one emulator instance remembers, in memory. */
export class MicrosoftState {
  readonly clock = new EmulatorClock();
  readonly faults = new FaultInjector();
  readonly users = new UserDirectory();
  readonly identity = new IdentityStore(this.clock);
  readonly events = new EventStore(this.clock);
  readonly delta = new DeltaSync(this.events);
  readonly dispatcher = new NotificationDispatcher(this.clock);
  readonly subscriptions = new SubscriptionRegistry(this.clock, this.users, this.dispatcher);
  /** Requests served per route (`GET /v1.0/me/events/:eventId`), for tests that count calls. */
  readonly requestCounts = new Map<string, number>();
  /** The emulator's own base URL, for the absolute links it emits; learnt after listen. */
  publicUrl: string | undefined;

  constructor() {
    this.events.onChange((event, changeType) => this.subscriptions.notifyChange(event, changeType));
  }

  reset(): void {
    this.users.reset();
    this.identity.reset();
    this.events.reset();
    this.delta.reset();
    this.subscriptions.reset();
    this.dispatcher.clear();
    this.faults.clear();
    this.clock.reset();
    this.requestCounts.clear();
  }
}
