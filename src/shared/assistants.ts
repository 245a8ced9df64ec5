import { z } from 'zod';
import { isoDateSchema, isoDateTimeSchema, timezoneSchema } from './appointments.ts';
import { withinDayRange } from './availability.ts';

// ---- Admin: the practice's voice assistants (GET/POST /api/admin/assistants, PATCH/DELETE …/:id) ----

export const createAssistantSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Name is required' }).max(120),
  /** The practitioner the assistant books for; default: the practice owner. */
  assigneeUserId: z.string().min(1).max(100).nullable().optional(),
});
export type CreateAssistantInput = z.infer<typeof createAssistantSchema>;

/** PATCH /api/admin/assistants/:id: rename it, or give its line to another practitioner. */
export const updateAssistantSchema = createAssistantSchema.partial();
export type UpdateAssistantInput = z.infer<typeof updateAssistantSchema>;

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

// ---- The assistant's own API (/api/assistant/*), described for the model that calls it ----

const exampleDay = '2030-01-08';
const exampleStart = '2030-01-08T08:00:00.000Z';

/** GET /api/assistant/availability: the days to look at; the practitioner is the assistant's. */
export const assistantAvailabilityQuerySchema = z
  .strictObject({
    startDate: isoDateSchema.describe('First day to search, YYYY-MM-DD in `timezone`').meta({
      examples: [exampleDay],
    }),
    endDate: isoDateSchema
      .describe('Last day to search (inclusive), YYYY-MM-DD, at most 62 days after startDate')
      .meta({ examples: ['2030-01-10'] }),
    productId: z
      .uuid()
      .optional()
      .describe('The service wanted (an id from listServices); slots then have its duration'),
    timezone: timezoneSchema
      .optional()
      .describe('IANA zone the caller thinks in, e.g. "Europe/Paris"; default: the practice’s'),
  })
  .superRefine(withinDayRange);
export type AssistantAvailabilityQuery = z.infer<typeof assistantAvailabilityQuerySchema>;

/** POST /api/assistant/appointments: what a voice assistant knows after a call (spec 000's fields). */
export const assistantBookingSchema = z
  .strictObject({
    startTime: isoDateTimeSchema
      .describe('Start of the appointment: a `startTime` returned by getAvailableSlots, sent unchanged')
      .meta({ examples: [exampleStart] }),
    productId: z
      .uuid()
      .optional()
      .describe('The service booked (an id from listServices); it sets the duration and the price'),
    attendeeName: z
      .string()
      .trim()
      .min(1, { message: 'The caller’s name is required' })
      .max(200)
      .describe('Full name of the caller or patient'),
    email: z
      .email()
      .max(254)
      .optional()
      .describe(
        'Email address of the caller. When it is the email of a registered client of the practice (any ' +
          'letter case), the appointment is theirs: they see it in their account and can cancel or pay it',
      ),
    phone: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe('Phone number of the caller, E.164 if possible'),
    service: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('The service asked for, in the caller’s words'),
    patientType: z.string().trim().min(1).max(100).optional().describe('e.g. "new" or "returning"'),
    title: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('Calendar title; default: "<service or product name> – <attendeeName>"'),
    description: z.string().trim().max(5000).optional().describe('Notes from the call, for the practitioner'),
  })
  .meta({
    examples: [
      {
        startTime: exampleStart,
        attendeeName: 'Jean Dupont',
        phone: '+33612345678',
        email: 'jean.dupont@example.com',
        service: 'Initial consultation',
        patientType: 'new',
        description: 'Lower back pain for two weeks.',
      },
    ],
  });
export type AssistantBookingInput = z.infer<typeof assistantBookingSchema>;

/** An appointment as the assistant sees it: what it needs to confirm the booking to the caller. */
export const assistantAppointmentSchema = z.object({
  id: z.string().describe('Appointment id; quote it if the caller asks for a reference'),
  status: z
    .enum(['pending', 'confirmed', 'cancelled', 'completed', 'no_show'])
    .describe('Always "confirmed" when booked'),
  source: z.literal('assistant'),
  assistantId: z.string().describe('This assistant'),
  practitionerId: z.string().nullable().describe('The practitioner whose time is booked'),
  productId: z.string().nullable(),
  title: z.string(),
  startTime: z.string().describe('UTC instant'),
  endTime: z.string().describe('UTC instant'),
  timezone: z.string().describe('The practice’s zone'),
  localStartTime: z.string().describe('Start in `timezone` with its offset: read this one to the caller'),
  localEndTime: z.string().describe('End in `timezone` with its offset'),
  attendeeName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  service: z.string().nullable(),
  patientType: z.string().nullable(),
  description: z.string().nullable(),
  type: z.enum(['free', 'paid']),
  price: z.number().int().describe('In cents of `currency`'),
  currency: z.string(),
  createdAt: z.string(),
});
export type AssistantAppointment = z.infer<typeof assistantAppointmentSchema>;

// ---- Finding, cancelling and moving a caller's bookings ----

/** Spaces, dots, dashes and parentheses: how people write a number, not what it is. */
export const phoneSeparators = /[\s.()-]/g;

/** GET /api/assistant/appointments: exactly one of the caller's email or phone. */
export const assistantAppointmentLookupSchema = z
  .strictObject({
    email: z
      .email()
      .max(254)
      .optional()
      .describe('Email address the caller gave when booking (any letter case)')
      .meta({ examples: ['jean.dupont@example.com'] }),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/\d/, { message: 'A phone number has digits' })
      .optional()
      .describe('Phone number the caller gave when booking; spaces, dots, dashes and parentheses are ignored')
      .meta({ examples: ['+33612345678'] }),
  })
  .superRefine((v, ctx) => {
    if (v.email !== undefined && v.phone !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Send either email or phone, not both' });
    } else if (v.email === undefined && v.phone === undefined) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Send email or phone' });
    }
  });
export type AssistantAppointmentLookup = z.infer<typeof assistantAppointmentLookupSchema>;

/** An upcoming appointment of a caller: enough to tell which one they mean, nothing more. */
export const assistantBookingSummarySchema = assistantAppointmentSchema
  .pick({
    title: true,
    startTime: true,
    endTime: true,
    timezone: true,
    localStartTime: true,
    localEndTime: true,
    status: true,
    service: true,
    attendeeName: true,
  })
  .extend({
    id: z.string().describe('Appointment id: pass it to cancelAppointment or rescheduleAppointment'),
  });
export type AssistantBookingSummary = z.infer<typeof assistantBookingSummarySchema>;

export const assistantAppointmentParamsSchema = z.strictObject({
  id: z.string().max(100).describe('An appointment id from findAppointments'),
});

/** POST /api/assistant/appointments/:id/reschedule. */
export const assistantRescheduleSchema = z
  .strictObject({
    startTime: isoDateTimeSchema
      .describe('New start: a `startTime` returned by getAvailableSlots, sent unchanged')
      .meta({ examples: [exampleStart] }),
    endTime: isoDateTimeSchema
      .optional()
      .describe('New end; leave it out to keep the appointment’s length (the usual case)'),
  })
  .superRefine((v, ctx) => {
    if (v.endTime && Date.parse(v.endTime) <= Date.parse(v.startTime)) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'Must be after startTime' });
    }
  });
export type AssistantRescheduleInput = z.infer<typeof assistantRescheduleSchema>;
