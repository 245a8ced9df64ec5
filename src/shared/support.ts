import { z } from 'zod';
import { queryInteger } from './query-integer.ts';

/** The spec's ticket categories (Support Page): general, billing, appointments, technical, account, other. */
export const supportCategories = [
  'general',
  'billing',
  'appointments',
  'technical',
  'account',
  'other',
] as const;
export type SupportCategory = (typeof supportCategories)[number];
export const supportTicketStatuses = ['open', 'closed'] as const;
export type SupportTicketStatus = (typeof supportTicketStatuses)[number];

/** POST /api/support/tickets: what someone asks the practice (or its administrators). */
export const createSupportTicketSchema = z.strictObject({
  category: z.enum(supportCategories),
  subject: z.string().trim().min(1, { message: 'Subject is required' }).max(200),
  message: z.string().trim().min(10, { message: 'Write at least 10 characters' }).max(5000),
});
export type CreateSupportTicketInput = z.infer<typeof createSupportTicketSchema>;

export const listSupportTicketsQuerySchema = z.strictObject({
  status: z.enum(supportTicketStatuses).optional(),
  limit: queryInteger('limit', 1, 200).optional(),
});
export type ListSupportTicketsQuery = z.infer<typeof listSupportTicketsQuerySchema>;

/** PATCH /api/support/tickets/:id (staff): close a ticket once answered, or reopen it. */
export const updateSupportTicketSchema = z.strictObject({ status: z.enum(supportTicketStatuses) });
export type UpdateSupportTicketInput = z.infer<typeof updateSupportTicketSchema>;

export const supportTicketSchema = z.object({
  id: z.string(),
  category: z.enum(supportCategories),
  subject: z.string(),
  message: z.string(),
  status: z.enum(supportTicketStatuses),
  /** Who wrote it; null once their account is gone. */
  author: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupportTicket = z.infer<typeof supportTicketSchema>;
