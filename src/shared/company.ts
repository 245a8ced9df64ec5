import { z } from 'zod';
import { optionalTextSchema } from './optional-text.ts';

/**
 * ISO 3166-1 alpha-2 codes (the 249 assigned ones). Lago refuses any other country, and the
 * web app names each in the reader's language (Intl.DisplayNames).
 */
export const countryCodes = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
  'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
  'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
  'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
  'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
  'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ') as [string, ...string[]];

/** Longest values kept; Lago takes up to 255 characters in a customer's text fields. */
export const companyLimits = {
  legalName: 200,
  taxId: 40,
  addressLine: 200,
  zipcode: 20,
  city: 100,
} as const;

const requiredText = (max: number) => z.string().trim().min(1).max(max);

/**
 * PUT /api/me/company: the company a member's invoices are made out to, replacing the one kept.
 * An invoice to a company names it and its address (EU VAT Directive, art. 226), so the legal
 * name, first address line, city and country are required; some countries have no postcode.
 */
export const saveCompanySchema = z.strictObject({
  legalName: requiredText(companyLimits.legalName),
  taxId: optionalTextSchema(companyLimits.taxId),
  addressLine1: requiredText(companyLimits.addressLine),
  addressLine2: optionalTextSchema(companyLimits.addressLine),
  zipcode: optionalTextSchema(companyLimits.zipcode),
  city: requiredText(companyLimits.city),
  country: z.enum(countryCodes).describe('ISO 3166-1 alpha-2 code, upper case (FR, DE, GB…)'),
});
export type SaveCompanyInput = z.infer<typeof saveCompanySchema>;

export const companySchema = z.object({
  legalName: z.string(),
  taxId: z.string().nullable(),
  addressLine1: z.string(),
  addressLine2: z.string().nullable(),
  zipcode: z.string().nullable(),
  city: z.string(),
  country: z.string(),
  updatedAt: z.string(),
});
export type Company = z.infer<typeof companySchema>;
