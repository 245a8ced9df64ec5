import type { ApiErrorBody } from '../../shared/envelope.ts';
import { ApiError, clientErrorCodes } from './api-client.ts';

/** Hands a file made or fetched by the page to the browser to save, under `fileName`. */
export function saveFile(file: Blob, fileName: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the click has handed the blob to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Starts a download of `text` as a file, from the page itself (no server round trip). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  saveFile(new Blob([text], { type }), fileName);
}

/** The name the server gives the file in its Content-Disposition, else `fallbackName`. */
function fileNameOf(response: Response, fallbackName: string): string {
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return named?.[1] ?? fallbackName;
}

/**
 * Fetches a file the server answers as an attachment, then hands it to the browser to save under
 * the server's name: fetched rather than linked, so that a refusal (a session that ended, a
 * member removed meanwhile) is told on the page as an ApiError, not saved as the file.
 */
export async function downloadFromServer(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, {
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
  saveFile(await response.blob(), fileNameOf(response, fallbackName));
}
