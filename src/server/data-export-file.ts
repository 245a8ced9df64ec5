import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { localDate } from '../domain/time-zone.ts';
import type { MyDataExport } from '../services/my-data/my-data-export.ts';

/**
 * A member's data export as the file the browser saves: the same document whether the member
 * downloads it from their Profile (GET /api/me/export) or staff do for them (GET
 * /api/admin/users/:id/export).
 */

/** A file people open too: checked against its schema like any answer, then indented. */
export function indentedJson({ schema }: { schema: unknown }) {
  return (data: unknown) => JSON.stringify(z.encode(schema as z.ZodType, data), null, 2);
}

/** The day the copy was made, in the practice's time zone: the day its staff would write on it. */
function dayOf(data: MyDataExport): string {
  return localDate(Date.parse(data.exportedAt), data.practice.timezone);
}

/** `rendezvous-my-data-2030-03-14.json`: the member's own copy. */
export function ownDataFileName(data: MyDataExport): string {
  return `rendezvous-my-data-${dayOf(data)}.json`;
}

/** Lower-case ASCII letters and digits joined by dashes ("Zoé Ångström" → "zoe-angstrom"). */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/**
 * `rendezvous-data-ada-lovelace-2030-03-14.json`: staff download several people's, so the name
 * says whose. A name with no Latin letter (李雷) falls back to the member's id.
 */
export function memberDataFileName(data: MyDataExport): string {
  const whose = slug(data.account.name) || slug(data.account.id);
  return `rendezvous-data-${whose}-${dayOf(data)}.json`;
}

/** Answers the document as an attachment, never kept by a cache: it is all about one person. */
export function sendDataExport(reply: FastifyReply, data: MyDataExport, fileName: string) {
  return reply
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(data);
}
