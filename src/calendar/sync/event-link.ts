import type { calendarEventLinks } from '../../db/schema/index.ts';
import type { ConnectionRow } from '../connections/connection-dto.ts';
import type { ExternalEvent } from '../provider.ts';

/** The link of an appointment to the event a pull read for it, with the version it read. */
export function linkValues(
  connection: Pick<ConnectionRow, 'id' | 'tenantId'>,
  appointmentId: string,
  event: ExternalEvent,
): typeof calendarEventLinks.$inferInsert {
  return {
    tenantId: connection.tenantId,
    appointmentId,
    connectionId: connection.id,
    externalEventId: event.id,
    etag: event.version,
    remoteUpdatedAt: event.updatedAt,
  };
}
