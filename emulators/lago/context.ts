import type { EmulatorClock } from '../shared/clock.ts';
import type { FaultInjector } from '../shared/faults.ts';
import type { LagoState } from './state.ts';
import type { WebhookDispatcher } from './webhooks.ts';

/** Everything one emulator instance owns; route modules receive it instead of reaching for globals. */
export interface LagoContext {
  state: LagoState;
  webhooks: WebhookDispatcher;
  clock: EmulatorClock;
  faults: FaultInjector;
  apiKey: string;
  /** Base URL Lago calls its own (ENV LAGO_API_URL): the JWT `iss`. */
  publicUrl: () => string;
}
