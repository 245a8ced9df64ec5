import { z } from 'zod';

/**
 * A whole number in a query string, written in digits. `z.coerce.number()` takes whatever
 * `Number()` reads, so `0x10`, `1e2` and ` 5 ` passed as 16, 100 and 5.
 */
export function queryInteger(name: string, min: number, max: number) {
  return (
    z
      .string()
      .regex(/^\d+$/, { message: `${name} must be a whole number, written in digits` })
      // What the API documentation says of it: an integer and its range, as before (a string
      // pattern beside `type: integer` would only puzzle a reader or a tool-calling model).
      .meta({ type: 'integer', minimum: min, maximum: max, pattern: undefined })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { message: `${name} must be at least ${min}` })
          .max(max, { message: `${name} must be at most ${max}` }),
      )
  );
}
