import type { AppConfig } from '../config/index.ts';
import { type Database, type NamedLocks, namedLocksFor } from '../db/client.ts';
import { SecretBox } from '../security/secret-box.ts';
import { type GoogleSettings, googleSettingsFrom } from './google/google-settings.ts';
import { type MicrosoftSettings, microsoftSettingsFrom } from './microsoft/microsoft-settings.ts';
import type { RequestSlots } from './request-slots.ts';
import type { RetryOptions } from './retry.ts';

/** What calendar operations need, built once per process and passed down explicitly. */
export interface CalendarContext {
  db: Database;
  google: GoogleSettings;
  microsoft: MicrosoftSettings;
  publicUrl: string;
  /** Seals OAuth tokens and channel secrets at rest. */
  tokenBox: SecretBox;
  /** Seals the OAuth `state` parameter. */
  stateBox: SecretBox;
  retry: RetryOptions;
  /** Cluster-wide locks: one sync at a time per connection, whichever process asks. */
  locks: NamedLocks;
  /** Bounds the provider requests in flight (an auto-sync cycle); absent: no bound. */
  requestSlots?: RequestSlots;
  /** Set by a stopping worker: long operations stop at their next safe point. */
  signal?: AbortSignal;
}

export function createCalendarContext(
  db: Database,
  config: AppConfig,
  retry: RetryOptions = {},
): CalendarContext {
  return {
    db,
    google: googleSettingsFrom(config),
    microsoft: microsoftSettingsFrom(config),
    publicUrl: config.PUBLIC_URL.replace(/\/$/, ''),
    tokenBox: new SecretBox(config.encryptionKey, config.previousEncryptionKeys, 'calendar-tokens'),
    stateBox: new SecretBox(config.encryptionKey, config.previousEncryptionKeys, 'oauth-state'),
    retry,
    locks: namedLocksFor(db),
  };
}
