import type { FastifyInstance } from 'fastify';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import { verifyGoogleNotification } from '../../calendar/watch/verify-google-notification.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { syncConnectionJob } from '../../jobs/sync-connection-job.ts';

export interface CalendarWebhookOptions {
  calendar: CalendarContext;
  /** Where the pull is queued; without a job queue (some tests) it runs in this process after the answer. */
  jobs?: JobQueue;
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Google push notifications (POST /api/calendar/webhook; push guide, PROVIDERS.md A4). They
 * carry no body — Google even labels the empty body `application/json; utf-8` — so this route
 * reads none. A notification is acted on only if it names a channel we opened, for the
 * resource we watch, with that channel's secret token (compared in constant time); then an
 * incremental pull is queued and Google gets its 200 at once. The first message of a channel
 * (`sync`) only says the channel works. Anything else is answered 404 and changes nothing.
 */
export async function calendarWebhookRoutes(app: FastifyInstance, options: CalendarWebhookOptions) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, undefined));
    payload.on('error', (error) => done(error, undefined));
  });

  const inProcess = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...inProcess]);
  });
  const requestSync = async (connectionId: string) => {
    if (options.jobs) return options.jobs.requestSync(connectionId, 'webhook');
    const pull = syncConnectionJob
      .handle(options.calendar, { connectionId, trigger: 'webhook' })
      .catch((error: unknown) => app.log.warn({ err: error, connectionId }, 'webhook-triggered sync failed'));
    inProcess.add(pull);
    void pull.finally(() => inProcess.delete(pull));
  };

  app.post('/api/calendar/webhook', { schema: { hide: true } }, async (request, reply) => {
    const state = header(request.headers['x-goog-resource-state']);
    const connection = await verifyGoogleNotification(options.calendar, {
      channelId: header(request.headers['x-goog-channel-id']),
      token: header(request.headers['x-goog-channel-token']),
      resourceId: header(request.headers['x-goog-resource-id']),
      resourceState: state,
    });
    if (!connection) return reply.code(404).send();
    if (state !== 'sync') await requestSync(connection.id);
    return reply.code(200).send();
  });
}
