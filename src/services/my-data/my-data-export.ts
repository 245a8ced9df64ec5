import { z } from 'zod';
import { appointmentEventSchema, appointmentSchema } from '../../shared/appointments.ts';
import { locales, roles } from '../../shared/auth.ts';
import { calendarConnectionSchema } from '../../shared/calendar.ts';
import { calendarFeedStatusSchema } from '../../shared/calendar-feed.ts';
import { companySchema } from '../../shared/company.ts';
import { supportTicketSchema } from '../../shared/support.ts';

/**
 * GET /api/me/export: the file a member downloads (GDPR art. 15 and 20), and GET
 * /api/admin/users/:id/export, the same file staff download for them. Its parts reuse the
 * schemas of the API that shows each thing, so the file says no more than the API says to that
 * person; as a response schema it is also an allow-list, since serialization drops any key it
 * does not name.
 */
export const myDataExportSchema = z.object({
  exportedAt: z.string().describe('When this copy was made (ISO 8601, UTC)'),
  practice: z.object({
    name: z.string(),
    /** The zone the practice's dates are read in; every instant in the file is UTC. */
    timezone: z.string(),
  }),
  account: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    locale: z.enum(locales).nullable(),
    role: z.enum(roles),
    createdAt: z.string(),
    /** When they joined this practice. */
    memberSince: z.string(),
  }),
  /** The company their invoices are made out to; null for a private person. */
  company: companySchema.nullable(),
  /** Their own appointments (not those they are the practitioner of), each with its history. */
  appointments: z.array(appointmentSchema.extend({ history: z.array(appointmentEventSchema) })),
  supportRequests: z.array(supportTicketSchema),
  /** Which calendars they connected and in what state; never their tokens. */
  calendarConnections: z.array(
    calendarConnectionSchema.pick({
      provider: true,
      email: true,
      calendarId: true,
      status: true,
      lastSyncAt: true,
      createdAt: true,
    }),
  ),
  /** Whether a calendar feed address is live and since when; never the address. */
  calendarFeed: calendarFeedStatusSchema,
});
export type MyDataExport = z.infer<typeof myDataExportSchema>;
