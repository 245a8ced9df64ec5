import type { ApiSuccess } from '../shared/envelope.ts';

/** The success envelope of the spec. */
export function ok<T>(data: T, message?: string): ApiSuccess<T> {
  return message === undefined ? { success: true, data } : { success: true, data, message };
}
