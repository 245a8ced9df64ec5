import type { TFunction } from 'i18next';
import { isApiError } from '../../../lib/api-client.ts';
import { errorText } from '../../../lib/form-errors.ts';

/**
 * A failed change of an appointment in words: the clashes an admin can act on get their own
 * sentence (another appointment at that time, a status that already moved on), the rest the
 * app's usual ones.
 */
export function actionErrorText(t: TFunction, error: unknown): string {
  if (isApiError(error) && ['OVERLAPPING_APPOINTMENT', 'INVALID_STATE', 'NOT_FOUND'].includes(error.code)) {
    return t(`adminAppointments.errors.${error.code}`);
  }
  return errorText(t, error);
}
