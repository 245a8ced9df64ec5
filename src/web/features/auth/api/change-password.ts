import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** Better Auth's change-password; the person's other sessions (other devices) are signed out. */
export function changePassword(input: ChangePasswordInput): Promise<unknown> {
  return api.post<unknown>(paths.api.changePassword, { ...input, revokeOtherSessions: true });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
