import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { supportTickets, users } from '../../db/schema/index.ts';
import type { SupportTicket } from '../../shared/support.ts';

/** The columns a ticket is shown with: the ticket and its author's name and email. */
export function selectTickets(db: Executor) {
  return db
    .select({
      ticket: supportTickets,
      author: { id: users.id, name: users.name, email: users.email },
    })
    .from(supportTickets)
    .leftJoin(users, eq(users.id, supportTickets.userId));
}

type TicketRow = Awaited<ReturnType<ReturnType<typeof selectTickets>['execute']>>[number];

export function toSupportTicketDto({ ticket, author }: TicketRow): SupportTicket {
  return {
    id: ticket.id,
    category: ticket.category,
    subject: ticket.subject,
    message: ticket.message,
    status: ticket.status,
    author: author?.id ? { id: author.id, name: author.name, email: author.email } : null,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}
