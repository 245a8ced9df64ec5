import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { paths } from '../../../lib/paths.ts';

export function setMemberPassword({ id, password }: { id: string; password: string }): Promise<void> {
  return api.put<void>(paths.api.adminUserPassword(id), { password });
}

/** A new password for a member who lost theirs; their sessions end. */
export function useSetMemberPassword() {
  return useMutation({ mutationFn: setMemberPassword });
}
