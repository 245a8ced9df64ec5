import type { FastifyInstance } from 'fastify';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import { verifyGoogleNotification } from '../../calendar/watch/verify-google-notification.ts';

export interface CalendarWebhookOptions {
  calendar: CalendarContext;
  /** Queues a pull of the connection; the route only acknowledges. */
  onConnectionChanged: (connectionId: string) => Promise<void>;
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Google push notifications (POST /api/calendar/webhook). They carry no body — Google even
 * labels the empty body `application/json; utf-8` — so this route reads none. A notification
 * is acted on only if it names a channel we opened and carries that channel's secret; then a
 * sync is queued and Google gets its 200 within milliseconds. Anything else changes nothing.
 */
export async function calendarWebhookRoutes(app: FastifyInstance, options: CalendarWebhookOptions) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, undefined));
    payload.on('error', (error) => done(error, undefined));
  });

  app.post('/api/calendar/webhook', { schema: { hide: true } }, async (request, reply) => {
    const connection = await verifyGoogleNotification(options.calendar, {
      channelId: header(request.headers['x-goog-channel-id']),
      token: header(request.headers['x-goog-channel-token']),
      resourceId: header(request.headers['x-goog-resource-id']),
      resourceState: header(request.headers['x-goog-resource-state']),
    });
    if (!connection) return reply.code(404).send();
    // The first message of a channel ("sync") only says the channel works.
    if (header(request.headers['x-goog-resource-state']) !== 'sync') {
      await options.onConnectionChanged(connection.id);
    }
    return reply.code(200).send();
  });
}
