/**
 * The seam between the sync engine and a calendar provider (Google Calendar, Microsoft Graph).
 * Everything provider-specific — URLs, payload shapes, cursors, error bodies — stays behind it.
 */

export type CalendarProviderName = 'google' | 'microsoft';

/** Our metadata carried on events: Google private extended properties, Graph single-value extended properties. */
export type EventMetadata = Record<string, string>;

/** An event as the engine sees it, whatever the provider. */
export interface ExternalEvent {
  id: string;
  /** Deleted or cancelled upstream. Deleted events may carry nothing but their id. */
  isCancelled: boolean;
  start: Date | null;
  end: Date | null;
  isAllDay: boolean;
  timeZone: string | null;
  summary: string | null;
  description: string | null;
  location: string | null;
  /** Google etag / Graph changeKey: changes on every edit, lets us recognise our own writes. */
  version: string | null;
  updatedAt: Date | null;
  metadata: EventMetadata;
  /** Marked "free"/transparent: does not block availability. */
  isFree: boolean;
}

/** What we write to a calendar for an appointment. */
export interface EventDraft {
  summary: string;
  description: string | null;
  location: string | null;
  start: Date;
  end: Date;
  timeZone: string;
  metadata: EventMetadata;
}

/** Receives each page of changes as it arrives; the next page is already being fetched meanwhile. */
export type ChangePageHandler = (events: ExternalEvent[]) => Promise<void>;

export interface ChangeSet {
  /** Cursor for the next incremental read (Google nextSyncToken, Graph deltaLink). */
  nextCursor: string | null;
  /** Requests made to the provider, for sync-run statistics and benchmarks. */
  requests: number;
}

export interface WatchChannel {
  channelId: string;
  resourceId: string;
  expiresAt: Date;
}

export interface CalendarProvider {
  readonly name: CalendarProviderName;
  /**
   * Streams changes since `cursor` (null: a full read) page by page to `onPage`, and resolves
   * with the cursor for next time once the last page is handled. Throws CursorExpiredError when
   * the cursor is gone. A page may be delivered again after a retry: handlers are idempotent.
   */
  listChanges(cursor: string | null, onPage: ChangePageHandler): Promise<ChangeSet>;
  getEvent(eventId: string): Promise<ExternalEvent>;
  /** Upcoming events (live ones, soonest first) from `from`, at most `max`: spec 002's GET /calendar/events. */
  listUpcoming(from: Date, max: number): Promise<ExternalEvent[]>;
  /**
   * Creates an event. The same `idempotencyKey` never makes a second event, even when a first
   * attempt succeeded upstream but its answer was lost (Google: a client-chosen event id;
   * Graph: transactionId): a retried push cannot duplicate a booking.
   */
  insertEvent(draft: EventDraft, idempotencyKey: string): Promise<ExternalEvent>;
  /** Replaces our fields on an event; `ifVersion` makes it conditional (412 → PreconditionFailedError). */
  updateEvent(eventId: string, draft: EventDraft, ifVersion?: string): Promise<ExternalEvent>;
  /** Deletes an event; an event already gone is not an error. */
  deleteEvent(eventId: string): Promise<void>;
  /**
   * Asks the provider to notify `address` of changes (Google channel, Graph subscription whose
   * clientState is `token`). The returned channel id is the provider's (Graph chooses its own).
   */
  watch(options: {
    address: string;
    channelId: string;
    token: string;
    ttlSeconds: number;
  }): Promise<WatchChannel>;
  unwatch(channel: { channelId: string; resourceId: string }): Promise<void>;
  /** Extends a channel where the provider allows it (Graph PATCH); absent: open a new one instead (Google). */
  renewWatch?(channel: { channelId: string; resourceId: string }, ttlSeconds: number): Promise<WatchChannel>;
}
