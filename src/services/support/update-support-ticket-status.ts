import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { supportTickets } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { Member } from '../../domain/permissions.ts';
import type { SupportTicket, SupportTicketStatus } from '../../shared/support.ts';
import { isUuid } from '../appointments/find-visible-appointment.ts';
import { selectTickets, toSupportTicketDto } from './support-ticket-dto.ts';

/** Staff close a ticket once answered (or reopen it); another practice's ticket is not found. */
export async function updateSupportTicketStatus(
  db: Executor,
  staff: Member,
  id: string,
  status: SupportTicketStatus,
): Promise<SupportTicket> {
  if (!isUuid(id)) throw notFound('Support ticket');
  const scope = and(eq(supportTickets.id, id), eq(supportTickets.tenantId, staff.tenantId));
  const updated = await db
    .update(supportTickets)
    .set({ status, updatedAt: new Date() })
    .where(scope)
    .returning({ id: supportTickets.id });
  if (updated.length === 0) throw notFound('Support ticket');
  const [row] = await selectTickets(db).where(scope);
  return toSupportTicketDto(row!);
}
