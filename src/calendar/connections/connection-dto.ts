import type { calendarConnections } from '../../db/schema/index.ts';
import { type FailedPushes, noFailedPushes } from '../outbox/failed-pushes.ts';

export type ConnectionRow = typeof calendarConnections.$inferSelect;

/** A connection as the API shows it: its state, never its tokens. */
export interface CalendarConnectionDto {
  id: string;
  provider: 'google' | 'microsoft';
  authType: 'oauth' | 'service_account';
  email: string | null;
  calendarId: string;
  status: 'active' | 'expired' | 'revoked' | 'error';
  statusReason: string | null;
  /** The spec's flag: true while the connection can sync. */
  isActive: boolean;
  /** The token cannot be refreshed: the user must connect again. */
  needsReconnect: boolean;
  lastSyncAt: string | null;
  lastSyncResult: unknown;
  watchExpiresAt: string | null;
  /** Appointments this calendar refused for good, and its last reason (failed-pushes.ts). */
  failedPushes: number;
  lastPushError: string | null;
  /** Its events we did not book block every practitioner, not only its owner. */
  blocksWholePractice: boolean;
  userId: string;
  createdAt: string;
}

export function toConnectionDto(
  row: ConnectionRow,
  failed: FailedPushes = noFailedPushes,
): CalendarConnectionDto {
  return {
    id: row.id,
    provider: row.provider,
    authType: row.authType,
    email: row.email,
    calendarId: row.calendarId,
    status: row.status,
    statusReason: row.statusReason,
    isActive: row.status === 'active',
    needsReconnect: row.status === 'expired' || row.status === 'revoked',
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    lastSyncResult: row.lastSyncResult ?? null,
    watchExpiresAt: row.watchExpiresAt?.toISOString() ?? null,
    failedPushes: failed.count,
    lastPushError: failed.lastError,
    blocksWholePractice: row.blocksWholePractice,
    userId: row.userId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Tokens are sealed with the connection's identity as associated data: a token copied to another row will not open. */
export function tokenContext(row: Pick<ConnectionRow, 'tenantId' | 'userId' | 'provider'>): string {
  return `calendar-token:${row.tenantId}:${row.userId}:${row.provider}`;
}
