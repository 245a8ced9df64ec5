import { useMutation } from '@tanstack/react-query';
import type { ApiErrorBody } from '../../../../shared/envelope.ts';
import { ApiError, clientErrorCodes } from '../../../lib/api-client.ts';
import { saveFile } from '../../../lib/download.ts';

/** GET /api/me/export: everything the practice holds about the reader, as one JSON file. */
export const myDataPath = '/api/me/export';

/** The name the server gives the file in its Content-Disposition. */
function fileNameOf(response: Response): string {
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return named?.[1] ?? 'rendezvous-my-data.json';
}

/**
 * Fetches the file, then hands it to the browser to save under the server's name: fetched rather
 * than linked, so that a refusal (a session that ended) is told on the page, not saved as the file.
 */
export async function downloadMyData(): Promise<void> {
  let response: Response;
  try {
    response = await fetch(myDataPath, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
  } catch (error) {
    throw new ApiError(0, { code: clientErrorCodes.network, message: (error as Error).message });
  }
  if (!response.ok) {
    const body: { error?: Pick<ApiErrorBody, 'code' | 'message'> } | null = await response
      .json()
      .catch(() => null);
    throw new ApiError(
      response.status,
      body?.error ?? { code: clientErrorCodes.unexpected, message: `HTTP ${response.status}` },
    );
  }
  saveFile(await response.blob(), fileNameOf(response));
}

export function useDownloadMyData() {
  return useMutation({ mutationFn: downloadMyData });
}
