import { useMutation } from '@tanstack/react-query';
import { downloadFromServer } from '../../../lib/download.ts';
import { paths } from '../../../lib/paths.ts';

/** GET /api/me/export: everything the practice holds about the reader, as one JSON file. */
export function downloadMyData(): Promise<void> {
  return downloadFromServer(paths.api.myData, 'rendezvous-my-data.json');
}

export function useDownloadMyData() {
  return useMutation({ mutationFn: downloadMyData });
}
