import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { createCalendarFeed } from '../../services/calendar-feed/create-calendar-feed.ts';
import { getCalendarFeed } from '../../services/calendar-feed/get-calendar-feed.ts';
import { getCalendarFeedStatus } from '../../services/calendar-feed/get-calendar-feed-status.ts';
import { revokeCalendarFeed } from '../../services/calendar-feed/revoke-calendar-feed.ts';
import { calendarFeedStatusSchema, createdCalendarFeedSchema } from '../../shared/calendar-feed.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

const calendarFeedPath = '/api/calendar-feed/';

/** A URL fit for logs: a feed's token is the whole secret of the feed, so it is masked. */
export function maskFeedToken(url: string): string {
  return url.replace(/(\/api\/calendar-feed\/)[^/?#]+/, '$1[redacted]');
}

/**
 * Your appointments as an iCalendar subscription: manage your secret address (signed in), and
 * the address itself, which calendar apps fetch without a session.
 */
export async function calendarFeedRoutes(app: FastifyInstance, options: { db: Database; publicUrl: string }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const guard = app.requireUser;
  const tags = ['calendar feed'];

  typed.get(
    '/api/me/calendar-feed',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Whether you have a live calendar feed address (the address is shown only when made)',
        response: { 200: successEnvelope(calendarFeedStatusSchema), 401: apiErrorSchema },
      },
    },
    async (request) => ok(await getCalendarFeedStatus(db, userCaller(request))),
  );

  typed.post(
    '/api/me/calendar-feed',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Make a new secret feed address of your appointments; the previous one stops working',
        description:
          'The answer holds the address (`url`, and `webcalUrl` for one-click subscription) this once. ' +
          'Calendar apps fetch it without signing in: treat it like a password.',
        response: { 201: successEnvelope(createdCalendarFeedSchema), 401: apiErrorSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(ok(await createCalendarFeed(db, userCaller(request), options.publicUrl))),
  );

  typed.delete(
    '/api/me/calendar-feed',
    {
      preValidation: guard,
      schema: {
        tags,
        summary: 'Turn your feed address off (it answers 404 from now on)',
        response: { 200: successEnvelope(calendarFeedStatusSchema), 401: apiErrorSchema },
      },
    },
    async (request) => ok(await revokeCalendarFeed(db, userCaller(request))),
  );

  typed.get(
    `${calendarFeedPath}:token.ics`,
    {
      schema: {
        tags,
        summary: 'An iCalendar (RFC 5545) feed of your appointments, for calendar apps',
        description:
          'Answers `text/calendar`: your appointments from 180 days ago on (as practitioner too, for ' +
          'owners and admins), pending ones TENTATIVE, cancelled ones left out. Sends an ETag; ' +
          '`If-None-Match` answers 304. An unknown or revoked address is 404.',
        params: z.strictObject({ token: z.string().max(100) }),
        response: {
          200: z.string().describe('The calendar, as text/calendar'),
          304: z.undefined().describe('Unchanged since the ETag sent in If-None-Match'),
          404: apiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const body = await getCalendarFeed(db, request.params.token);
      const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'private, no-cache')
        .header('referrer-policy', 'no-referrer');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="rendezvous.ics"')
        .send(body);
    },
  );
}
