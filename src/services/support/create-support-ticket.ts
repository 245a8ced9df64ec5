import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { supportTickets } from '../../db/schema/index.ts';
import type { Member } from '../../domain/permissions.ts';
import type { CreateSupportTicketInput, SupportTicket } from '../../shared/support.ts';
import { selectTickets, toSupportTicketDto } from './support-ticket-dto.ts';

/** The contact form of the support page: anyone signed in writes to their practice. */
export async function createSupportTicket(
  db: Executor,
  who: Member,
  input: CreateSupportTicketInput,
): Promise<SupportTicket> {
  const [created] = await db
    .insert(supportTickets)
    .values({
      tenantId: who.tenantId,
      userId: who.userId,
      category: input.category,
      subject: input.subject,
      message: input.message,
    })
    .returning({ id: supportTickets.id });
  const [row] = await selectTickets(db).where(eq(supportTickets.id, created!.id));
  return toSupportTicketDto(row!);
}
