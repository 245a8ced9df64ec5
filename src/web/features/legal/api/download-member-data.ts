import { useMutation } from '@tanstack/react-query';
import { downloadFromServer } from '../../../lib/download.ts';
import { paths } from '../../../lib/paths.ts';

/**
 * GET /api/admin/users/:id/export: everything the practice holds about one member, as the file
 * they would download themselves, to answer their request for it.
 */
export function downloadMemberData(userId: string): Promise<void> {
  return downloadFromServer(paths.api.adminUserExport(userId), 'rendezvous-data.json');
}

export function useDownloadMemberData() {
  return useMutation({ mutationFn: downloadMemberData });
}
