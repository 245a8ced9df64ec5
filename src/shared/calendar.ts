import { z } from 'zod';
import { isDeliverableWebhookAddress, webhookAddressRule } from './webhook-address.ts';

export const calendarProviderSchema = z.enum(['google', 'microsoft']);

export const calendarConnectionSchema = z.object({
  id: z.string(),
  provider: calendarProviderSchema,
  authType: z.enum(['oauth', 'service_account']),
  email: z.string().nullable(),
  calendarId: z.string(),
  status: z.enum(['active', 'expired', 'revoked', 'error']),
  statusReason: z.string().nullable(),
  isActive: z.boolean(),
  needsReconnect: z.boolean(),
  lastSyncAt: z.string().nullable(),
  lastSyncResult: z.unknown(),
  watchExpiresAt: z.string().nullable(),
  /** Appointments this calendar refused for good (not retried on their own), and its last reason. */
  failedPushes: z.number().int(),
  lastPushError: z.string().nullable(),
  /** Its events we did not book block every practitioner, not only its owner (PUT /api/calendar/busy-time). */
  blocksWholePractice: z.boolean(),
  userId: z.string(),
  createdAt: z.string(),
});
export type CalendarConnection = z.infer<typeof calendarConnectionSchema>;

export const connectQuerySchema = z.strictObject({ provider: calendarProviderSchema });

/** PUT /api/calendar/busy-time: whose time a connected calendar's other events block. */
export const busyTimeSettingSchema = z.strictObject({
  id: z.uuid({ message: 'id must be a connection id' }),
  blocksWholePractice: z.boolean({ message: 'blocksWholePractice must be true or false' }),
});
export type BusyTimeSetting = z.infer<typeof busyTimeSettingSchema>;

export const syncResultSchema = z.object({
  synced: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  cancelled: z.number().int(),
  connections: z.array(
    z.object({
      id: z.string(),
      provider: z.string(),
      email: z.string().nullable(),
      /** Whose connection it is: only they can reconnect it (a service account, through its key). */
      userId: z.string(),
      authType: z.enum(['oauth', 'service_account']),
      status: z.string(),
      needsReconnect: z.boolean(),
      error: z.string().nullable(),
    }),
  ),
});
export type SyncResult = z.infer<typeof syncResultSchema>;

/** Why a connection attempt came back without a connection (query `error` on the settings page). */
export const connectErrors = [
  'invalid_state',
  'state_expired',
  'access_denied',
  'exchange_failed',
  'already_connected',
] as const;

/** Spec 002 `auto_sync`: the practice's background calendar sync. */
export const autoSyncStateSchema = z.object({
  /** On for this practice: AUTO_SYNC_ENABLED and not stopped with auto-sync/stop. */
  enabled: z.boolean(),
  /** AUTO_SYNC_ENABLED: the server's configuration allows background sync at all. */
  enabled_by_server: z.boolean(),
  /** The practice's own switch: false once stopped with auto-sync/stop, until started again. */
  enabled_for_practice: z.boolean(),
  /** Enabled, and the schedule is registered by the job workers. */
  running: z.boolean(),
  /** The period the background sync actually keeps: AUTO_SYNC_INTERVAL rounded to one cron keeps evenly. */
  interval_seconds: z.number().int(),
  last_sync_time: z.string().nullable(),
  last_sync_result: z
    .object({
      created: z.number().int(),
      updated: z.number().int(),
      cancelled: z.number().int(),
      error: z.string().nullable(),
    })
    .nullable(),
});
export type AutoSyncState = z.infer<typeof autoSyncStateSchema>;

/**
 * The server's Google service-account calendar (GOOGLE_SERVICE_ACCOUNT_JSON + GOOGLE_CALENDAR_ID),
 * shown only to the one practice it belongs to (GOOGLE_SERVICE_ACCOUNT_PRACTICE, else the
 * server's first practice).
 */
export const serviceAccountOfferSchema = z.object({
  calendar_id: z.string(),
  /** The practice has it connected and syncing (an active connection). */
  is_connected: z.boolean(),
  /** The caller may connect it now (POST /api/calendar/service-account): owners and admins, while it is not connected. */
  can_connect: z.boolean(),
});
export type ServiceAccountOffer = z.infer<typeof serviceAccountOfferSchema>;

/** GET /api/calendar/status (spec 002). */
export const calendarStatusSchema = z.object({
  status: z.enum(['available', 'not_connected', 'expired', 'error']),
  calendar_id: z.string().nullable(),
  timezone: z.string(),
  connections: z.array(calendarConnectionSchema),
  auto_sync: autoSyncStateSchema,
  /** Null when the server has no service account, or it belongs to another practice. */
  service_account: serviceAccountOfferSchema.nullable(),
});
export type CalendarStatus = z.infer<typeof calendarStatusSchema>;

/** POST /api/calendar/sync-to-calendar: appointments queued for calendars, and how the push went. */
export const syncToCalendarResultSchema = z.object({
  queued: z.number().int(),
  pushed: z.number().int(),
  retrying: z.number().int(),
  failed: z.number().int(),
});

export const fullSyncResultSchema = z.object({
  toCalendar: syncToCalendarResultSchema,
  fromCalendar: syncResultSchema,
});

/** GET /api/calendar/events: the next events of each connected calendar. */
export const upcomingEventsSchema = z.array(
  z.object({
    connectionId: z.string(),
    provider: calendarProviderSchema,
    email: z.string().nullable(),
    /** Why this calendar could not be read (`expired`, or the provider's message). */
    error: z.string().nullable(),
    events: z.array(
      z.object({
        id: z.string(),
        summary: z.string().nullable(),
        start: z.string().nullable(),
        end: z.string().nullable(),
        isAllDay: z.boolean(),
        bookedByAssistant: z.boolean(),
        /** Set on events Rendezvous pushed: the appointment they show. */
        appointmentId: z.string().nullable(),
      }),
    ),
  }),
);

export const setupWatchBodySchema = z
  .strictObject({
    webhook_url: z
      .url({ protocol: /^https?$/, message: 'webhook_url must be an absolute http(s) URL' })
      .refine(isDeliverableWebhookAddress, `webhook_url ${webhookAddressRule}`)
      .optional(),
  })
  .optional();

/** POST /api/calendar/setup-watch: the channel opened for each active connection. */
export const watchResultSchema = z.array(
  z.object({
    connectionId: z.string(),
    provider: calendarProviderSchema,
    channelId: z.string().nullable(),
    address: z.string().nullable(),
    expiresAt: z.string().nullable(),
  }),
);
