import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { appointments } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import { isStaff, type Member } from '../../domain/permissions.ts';
import type { AppointmentRow } from './appointment-dto.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id can name no appointment: it is a 404 like any unknown id, never a 400/500. */
export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}

/**
 * The appointment as this member may see it: staff see their tenant's, clients their own.
 * Anything else (another tenant's, another client's, malformed) is "not found", never 403.
 */
export async function findVisibleAppointment(db: Executor, who: Member, id: string): Promise<AppointmentRow> {
  if (!isUuid(id)) throw notFound('Appointment');
  const [row] = await db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.tenantId, who.tenantId),
        eq(appointments.id, id),
        isStaff(who.role) ? undefined : eq(appointments.userId, who.userId),
      ),
    );
  if (!row) throw notFound('Appointment');
  return row;
}
