import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { supportTickets } from '../../db/schema/index.ts';
import { isStaff, type Member } from '../../domain/permissions.ts';
import type { ListSupportTicketsQuery, SupportTicket } from '../../shared/support.ts';
import { selectTickets, toSupportTicketDto } from './support-ticket-dto.ts';

/** Staff read every ticket of their practice; a client reads the ones they wrote. Newest first. */
export async function getSupportTickets(
  db: Executor,
  who: Member,
  query: ListSupportTicketsQuery,
): Promise<SupportTicket[]> {
  const rows = await selectTickets(db)
    .where(
      and(
        eq(supportTickets.tenantId, who.tenantId),
        isStaff(who.role) ? undefined : eq(supportTickets.userId, who.userId),
        query.status ? eq(supportTickets.status, query.status) : undefined,
      ),
    )
    .orderBy(desc(supportTickets.createdAt), desc(supportTickets.id))
    .limit(query.limit ?? 50);
  return rows.map(toSupportTicketDto);
}
