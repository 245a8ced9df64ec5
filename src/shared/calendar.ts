import { z } from 'zod';

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
  userId: z.string(),
  createdAt: z.string(),
});
export type CalendarConnection = z.infer<typeof calendarConnectionSchema>;

export const connectQuerySchema = z.strictObject({ provider: calendarProviderSchema });

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
      status: z.string(),
      needsReconnect: z.boolean(),
      error: z.string().nullable(),
    }),
  ),
});
export type SyncResult = z.infer<typeof syncResultSchema>;

/** Why a connection attempt came back without a connection (query `error` on the settings page). */
export const connectErrors = ['invalid_state', 'state_expired', 'access_denied', 'exchange_failed'] as const;
