import { randomBytes, randomUUID } from 'node:crypto';

/** Exchange item ids are long base64 strings starting with "AAMk" (event.md examples); URL-safe here. */
export function newEventId(): string {
  return `AAMkAD${randomBytes(36).toString('base64url')}AAA=`;
}

/** changeKey is an opaque base64 value that changes on every edit (event.md); etag is W/"<changeKey>". */
export function newChangeKey(): string {
  return randomBytes(21).toString('base64');
}

export function newGuid(): string {
  return randomUUID();
}

export function newOpaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Graph timestamps carry seven fractional digits: "2016-12-09T20:30:00.1234567Z". */
export function graphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '0000Z');
}

/** innerError.date has no fraction and no zone: "2018-06-01T06:31:24" (graph-410-syncStateNotFound.issue2877.json). */
export function innerErrorDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
