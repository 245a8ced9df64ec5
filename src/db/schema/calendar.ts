import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { appointments } from './appointments.ts';
import { organizations, users } from './auth.ts';

export const calendarProviders = ['google', 'microsoft'] as const;
export const connectionStatuses = ['active', 'expired', 'revoked', 'error'] as const;

/**
 * A user's connected calendar. Tokens are stored encrypted (AES-256-GCM); the envelope names
 * the key it was sealed with so keys can rotate. `syncCursor` is Google's nextSyncToken or
 * Graph's deltaLink.
 */
export const calendarConnections = pgTable(
  'calendar_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: calendarProviders }).notNull(),
    authType: text('auth_type', { enum: ['oauth', 'service_account'] })
      .notNull()
      .default('oauth'),
    email: text('email'),
    calendarId: text('calendar_id').notNull().default('primary'),
    accessTokenEnc: text('access_token_enc'),
    refreshTokenEnc: text('refresh_token_enc'),
    encryptionKeyId: text('encryption_key_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    status: text('status', { enum: connectionStatuses }).notNull().default('active'),
    statusReason: text('status_reason'),
    syncCursor: text('sync_cursor'),
    watchChannelId: text('watch_channel_id'),
    watchResourceId: text('watch_resource_id'),
    watchTokenEnc: text('watch_token_enc'),
    watchExpiresAt: timestamp('watch_expires_at', { withTimezone: true }),
    /** Where the channel delivers (setup-watch's webhook_url, else PUBLIC_URL's): renewals keep it. */
    watchAddress: text('watch_address'),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    lastSyncResult: jsonb('last_sync_result'),
    /**
     * Set by an owner or admin on a staff member's calendar that the whole practice shares (the
     * clinic calendar): its events we did not book block every practitioner, not only its owner
     * (its busy blocks are written with no `userId`).
     */
    blocksWholePractice: boolean('blocks_whole_practice').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('calendar_connections_account_uq').on(t.tenantId, t.userId, t.provider, t.calendarId),
    index('calendar_connections_status_idx').on(t.status),
    uniqueIndex('calendar_connections_watch_channel_uq').on(t.watchChannelId),
  ],
);

/**
 * Appointment <-> external event, with the etag/changeKey we last saw to recognise our own echoes.
 * `tenantId` is copied from the connection and has no foreign key of its own: a link goes with
 * its appointment or its connection, both of which go with their tenant, and an import writes
 * thousands of links at once (a key check per row for nothing; bench/sync.ts).
 */
export const calendarEventLinks = pgTable(
  'calendar_event_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id').notNull(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => calendarConnections.id, { onDelete: 'cascade' }),
    externalEventId: text('external_event_id').notNull(),
    etag: text('etag'),
    remoteUpdatedAt: timestamp('remote_updated_at', { withTimezone: true }),
    lastPushedVersion: integer('last_pushed_version'),
    /**
     * The provider has shown this event in a listing since we created it. Graph's delta never
     * reports the deletion of an event the listing had not shown yet, so an event we pushed is
     * checked once by id if the next pull does not list it.
     */
    listed: boolean('listed').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('calendar_event_links_external_uq').on(t.connectionId, t.externalEventId),
    uniqueIndex('calendar_event_links_appointment_uq').on(t.appointmentId, t.connectionId),
    // Every pull asks whether its connection has unlisted pushes; almost none ever do.
    index('calendar_event_links_unlisted_idx').on(t.connectionId).where(sql`not ${t.listed}`),
  ],
);

/**
 * Pending pushes to calendars, written in the same transaction as the appointment change.
 * No foreign key to appointments: a delete must still reach the calendar after the row is gone.
 */
export const calendarOutbox = pgTable(
  'calendar_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => calendarConnections.id, { onDelete: 'cascade' }),
    appointmentId: uuid('appointment_id').notNull(),
    operation: text('operation', { enum: ['upsert', 'delete'] }).notNull(),
    externalEventId: text('external_event_id'),
    status: text('status', { enum: ['pending', 'parked', 'done', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('calendar_outbox_due_idx').on(t.status, t.nextAttemptAt)],
);

/**
 * Busy time read from connected calendars (events we did not book): blocks availability.
 * Derived data, rewritten by every full read, thousands of rows at once for a large calendar, so
 * it carries no more than it needs (bench/sync.ts): a row is its connection's event, and that is
 * its key (no surrogate id, whose index and random value each row paid for); `tenantId` and
 * `userId` are the connection's, copied for the availability index, without foreign keys of
 * their own — the rows go with their connection, which goes with its tenant and its user.
 */
export const calendarBusyBlocks = pgTable(
  'calendar_busy_blocks',
  {
    tenantId: text('tenant_id').notNull(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => calendarConnections.id, { onDelete: 'cascade' }),
    /** Whose time it blocks: the connection's owner, or null for the whole practice (`blocksWholePractice`). */
    userId: text('user_id'),
    externalEventId: text('external_event_id').notNull(),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.connectionId, t.externalEventId] }),
    index('calendar_busy_blocks_user_time_idx').on(t.tenantId, t.userId, t.startTime),
  ],
);

/** One row per sync run: feeds /api/calendar/status and the settings page. */
export const syncRuns = pgTable(
  'sync_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    connectionId: uuid('connection_id').references(() => calendarConnections.id, { onDelete: 'set null' }),
    trigger: text('trigger', { enum: ['manual', 'cron', 'webhook', 'full', 'startup', 'push'] }).notNull(),
    direction: text('direction', { enum: ['pull', 'push', 'both'] })
      .notNull()
      .default('pull'),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] })
      .notNull()
      .default('running'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    durationMs: integer('duration_ms'),
    counts: jsonb('counts'),
    error: text('error'),
  },
  (t) => [
    index('sync_runs_connection_idx').on(t.connectionId, t.startedAt),
    check('sync_runs_duration_nonnegative', sql`${t.durationMs} is null or ${t.durationMs} >= 0`),
  ],
);
