import type { TFunction } from 'i18next';
import type { FieldError, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { type ApiError, clientErrorCodes, isApiError } from './api-client.ts';

/**
 * The translated message of a field error. Zod's issue code (`too_small`, `invalid_format`...)
 * arrives as the error's type; the message is looked up for that field, then for the code.
 * A page with messages of its own passes their namespace (`appointments.form.errors`): its
 * `<field>.<code>` keys are tried first.
 */
export function fieldErrorText(
  t: TFunction,
  field: string,
  error: FieldError | undefined,
  namespace?: string,
): string | undefined {
  if (!error) return undefined;
  const type = String(error.type);
  const own = namespace ? [`${namespace}.${field}.${type}`] : [];
  return t([...own, `validation.${field}.${type}`, `validation.${type}`, 'validation.invalid']);
}

/** A friendly sentence for a failed request: never the raw server text or JSON. */
export function errorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.generic');
  if (error.status === 429) return t(`errors.${clientErrorCodes.rateLimited}`);
  return t([`errors.${error.code}`, 'errors.generic']);
}

/**
 * Puts the fields a 400 names onto the form. Returns true when at least one field was marked,
 * so the caller can skip a banner that would only repeat it. `rename` maps the API's field names
 * to the form's where they differ (`startTime` → `time`).
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  rename: Record<string, string> = {},
): boolean {
  if (!isApiError(error)) return false;
  let marked = false;
  for (const issue of (error as ApiError).fields) {
    const path = rename[issue.path] ?? issue.path;
    const field = fields.find((name) => name === path);
    if (field) {
      setError(field, { type: 'server', message: issue.message });
      marked = true;
    }
  }
  return marked;
}
