import { z } from 'zod';
import { appointmentTypes, centsSchema, currencySchema } from './appointments.ts';
import { optionalTextSchema } from './optional-text.ts';

const productFields = {
  name: z.string().trim().min(1, { message: 'Name is required' }).max(200),
  description: optionalTextSchema(5000),
  durationMinutes: z
    .number()
    .int()
    .min(5, { message: 'At least 5 minutes' })
    .max(24 * 60),
  type: z.enum(appointmentTypes).optional(),
  price: centsSchema.optional(),
  currency: currencySchema.optional(),
  isActive: z.boolean().optional(),
};

function paidHasPrice(v: { type?: string; price?: number }, ctx: z.RefinementCtx) {
  if (v.type === 'free' && v.price !== undefined && v.price > 0) {
    ctx.addIssue({ code: 'custom', path: ['price'], message: 'A free product has no price' });
  }
}

export const createProductSchema = z.strictObject(productFields).superRefine(paidHasPrice);
export type CreateProductInput = z.infer<typeof createProductSchema>;
export const updateProductSchema = z.strictObject(productFields).partial().superRefine(paidHasPrice);
export type UpdateProductInput = z.infer<typeof updateProductSchema>;

export const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  durationMinutes: z.number().int(),
  type: z.enum(appointmentTypes),
  price: z.number().int(),
  currency: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;
