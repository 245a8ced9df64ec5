import { z } from 'zod';
import { isoDateTimeSchema, timezoneSchema } from './appointments.ts';

export const createAssistantSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Name is required' }).max(120),
  /** The practitioner the assistant books for; default: the practice owner. */
  assigneeUserId: z.string().min(1).max(100).nullable().optional(),
});
export type CreateAssistantInput = z.infer<typeof createAssistantSchema>;

export const assistantSchema = z.object({
  id: z.string(),
  name: z.string(),
  assigneeUserId: z.string().nullable(),
  /** The first characters of the key, to tell keys apart; the key itself is shown once. */
  apiKeyPrefix: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Assistant = z.infer<typeof assistantSchema>;

export const createdAssistantSchema = assistantSchema.extend({
  /** The API key, shown this once: send it as `Authorization: Bearer <apiKey>`. */
  apiKey: z.string(),
});

/** POST /api/assistant/appointments: what a voice assistant knows after a call. */
export const assistantBookingSchema = z
  .strictObject({
    startTime: isoDateTimeSchema.describe(
      'Start, an ISO-8601 instant taken from GET /api/assistant/availability',
    ),
    endTime: isoDateTimeSchema
      .optional()
      .describe('End; default: start + the product duration, or 30 minutes without a product'),
    productId: z.uuid().optional().describe('The service booked, from GET /api/assistant/products'),
    attendeeName: z.string().trim().min(1).max(200).describe('Full name of the caller or patient'),
    email: z.email().max(254).optional().describe('Email of the caller'),
    phone: z.string().trim().max(40).optional().describe('Phone number of the caller, E.164 if possible'),
    service: z.string().trim().max(200).optional().describe('The service asked for, in the caller’s words'),
    patientType: z.string().trim().max(100).optional().describe('e.g. "new" or "returning"'),
    title: z.string().trim().min(1).max(200).optional().describe('Default: "<service> – <attendeeName>"'),
    description: z.string().trim().max(5000).optional().describe('Notes from the call'),
    timezone: timezoneSchema.optional().describe('The caller’s IANA zone; default: the practice’s'),
  })
  .superRefine((v, ctx) => {
    if (v.endTime && Date.parse(v.endTime) <= Date.parse(v.startTime)) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'Must be after startTime' });
    }
  });
export type AssistantBookingInput = z.infer<typeof assistantBookingSchema>;
