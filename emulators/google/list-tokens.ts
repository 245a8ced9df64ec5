/**
 * Opaque page and sync tokens. Google's are opaque base64 strings
 * (`"nextSyncToken": "CI-dtZWmpYwDEI-dtZWmpYwDGAUg24mI4AIo24mI4AI="`); ours carry a small JSON
 * cursor so that each page costs O(page), not O(calendar).
 */

export type ListMode = 'order' | 'log' | 'sorted';

export interface PageCursor {
  mode: ListMode;
  /** Index in `Calendar.order` (order), `Calendar.changeLog` (log) or the sorted result (sorted). */
  index: number;
  /** Change number when the listing began; the final page's sync token resumes from it. */
  watermark: number;
}

export interface SyncCursor {
  calendarId: string;
  generation: number;
  seq: number;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

export function encodePageToken(cursor: PageCursor): string {
  return encode({ p: cursor.mode, i: cursor.index, w: cursor.watermark });
}

export function decodePageToken(token: string): PageCursor | undefined {
  const raw = decode(token) as { p?: unknown; i?: unknown; w?: unknown } | undefined;
  if (!raw || typeof raw.i !== 'number' || typeof raw.w !== 'number') return undefined;
  if (raw.p !== 'order' && raw.p !== 'log' && raw.p !== 'sorted') return undefined;
  return { mode: raw.p, index: raw.i, watermark: raw.w };
}

export function encodeSyncToken(cursor: SyncCursor): string {
  return encode({ c: cursor.calendarId, g: cursor.generation, s: cursor.seq });
}

export function decodeSyncToken(token: string): SyncCursor | undefined {
  const raw = decode(token) as { c?: unknown; g?: unknown; s?: unknown } | undefined;
  if (!raw || typeof raw.c !== 'string' || typeof raw.g !== 'number' || typeof raw.s !== 'number') {
    return undefined;
  }
  return { calendarId: raw.c, generation: raw.g, seq: raw.s };
}
