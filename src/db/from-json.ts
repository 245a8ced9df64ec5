/** A JSON value as the driver answers it: parsed already (pg), or text (some PGlite paths). */
export const fromJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;
