import { z } from 'zod';

/**
 * Free text a person may leave blank (a phone, a location, a note): trimmed, and blank means
 * none. It is stored as null, never as '', so "is there one?" reads the same whether a form sent
 * an empty field or left it out, and a fallback such as the client's own phone for an
 * appointment's (`??`) is not stopped by an empty string.
 */
export const optionalTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();
