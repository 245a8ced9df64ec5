import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isKnownCurrency } from './customers.ts';
import { detailsFromZod, notFound, validationFailed } from './errors.ts';
import type { AddOnRecord, LagoState } from './state.ts';

/**
 * Add-ons are the only thing a one-off invoice can bill (PROVIDERS.md C), so the product (or a
 * test, through the control API) creates them first: `POST /api/v1/add_ons {"add_on":{...}}`
 * (lago-javascript-client `addOns.createAddOn`, schema AddOnCreateInput).
 */
export const addOnInputSchema = z.object({
  name: z.string().min(1),
  code: z.string().min(1),
  invoice_display_name: z.string().nullish(),
  amount_cents: z.number().int().nonnegative(),
  amount_currency: z.string(),
  description: z.string().nullish(),
  tax_codes: z.array(z.string()).optional(),
});

export function createAddOn(state: LagoState, body: unknown): AddOnRecord {
  const parsed = addOnInputSchema.safeParse(body);
  if (!parsed.success) throw validationFailed(detailsFromZod(parsed.error));
  const input = parsed.data;
  if (!isKnownCurrency(input.amount_currency))
    throw validationFailed({ amount_currency: ['value_is_invalid'] });
  if (state.addOns.has(input.code)) throw validationFailed({ code: ['value_already_exist'] });
  if (input.tax_codes && input.tax_codes.length > 0) throw notFound('tax');

  const addOn: AddOnRecord = {
    lagoId: randomUUID(),
    code: input.code,
    name: input.name,
    invoiceDisplayName: input.invoice_display_name ?? null,
    amountCents: input.amount_cents,
    amountCurrency: input.amount_currency,
    description: input.description ?? null,
    createdAt: state.now(),
  };
  state.addOns.set(addOn.code, addOn);
  return addOn;
}
