import { z } from 'zod';
import { timezoneSchema } from './appointments.ts';
import { companySchema } from './company.ts';
import { optionalTextSchema } from './optional-text.ts';

export const roles = ['owner', 'admin', 'client'] as const;
export type Role = (typeof roles)[number];
export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

export const passwordSchema = z
  .string()
  .min(8, { message: 'Password must be at least 8 characters' })
  .max(128, { message: 'Password must be at most 128 characters' });

export const emailSchema = z.email({ message: 'Enter a valid email address' }).max(254).toLowerCase();

/** Sign-up creates a tenant (the practice) with the new user as its owner. */
export const signUpSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Name is required' }).max(120),
  email: emailSchema,
  password: passwordSchema,
  organizationName: z.string().trim().min(1, { message: 'Practice name is required' }).max(120),
  timezone: timezoneSchema.optional(),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, { message: 'Password is required' }),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const userSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  locale: z.enum(locales).nullable(),
});

export const tenantSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  timezone: z.string(),
});

/**
 * PATCH /api/admin/practice (staff): the practice's name, and the time zone its opening hours
 * and dates are read in.
 */
export const updatePracticeSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Practice name is required' }).max(120).optional(),
  timezone: timezoneSchema.optional(),
});
export type UpdatePracticeInput = z.infer<typeof updatePracticeSchema>;

/** GET /api/admin/practice/setup: which of the steps that make a practice bookable are done. */
export const practiceSetupSchema = z.object({
  openingHours: z.boolean(),
  services: z.boolean(),
  people: z.boolean(),
  calendar: z.boolean(),
  assistant: z.boolean(),
});
export type PracticeSetup = z.infer<typeof practiceSetupSchema>;

/** GET /api/me: who is signed in, in which tenant, with which role. */
export const meSchema = z.object({
  user: userSummarySchema,
  tenant: tenantSummarySchema,
  role: z.enum(roles),
});
export type Me = z.infer<typeof meSchema>;

export const updateProfileSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  phone: optionalTextSchema(40),
  locale: z.enum(locales).optional(),
});

/** Owners and admins add people to their tenant: clients, or other admins. */
export const createMemberSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Name is required' }).max(120),
  email: emailSchema,
  password: passwordSchema,
  role: z.enum(['admin', 'client']),
  phone: optionalTextSchema(40),
});
export type CreateMemberInput = z.infer<typeof createMemberSchema>;

/** PATCH /api/admin/users/:id: staff correct a member's name or phone. */
export const updateMemberSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Name is required' }).max(120).optional(),
  phone: optionalTextSchema(40),
});
export type UpdateMemberInput = z.infer<typeof updateMemberSchema>;

/** PUT /api/admin/users/:id/password: a new password staff hand to a member who lost theirs. */
export const setMemberPasswordSchema = z.strictObject({ password: passwordSchema });

export const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  role: z.enum(roles),
  createdAt: z.string(),
  /** The company the member's invoices are made out to (PUT /api/me/company); null: a private person. */
  company: companySchema.nullable(),
});
export type Member = z.infer<typeof memberSchema>;
