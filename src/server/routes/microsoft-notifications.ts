import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import {
  handleMicrosoftChangeNotifications,
  handleMicrosoftLifecycleNotifications,
  notificationBodySchema,
} from '../../calendar/microsoft/microsoft-notifications.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { syncConnectionJob } from '../../jobs/sync-connection-job.ts';

export interface MicrosoftNotificationRouteOptions {
  calendar: CalendarContext;
  /**
   * Where pulls are queued. Without a job queue (tests build the app alone) every piece of work
   * runs before the answer instead, so that a delivered notification has had its effect.
   */
  jobs?: JobQueue;
}

const validationQuery = z.object({ validationToken: z.string().optional() }).passthrough();

/**
 * Graph's validation handshake (change-notifications-delivery-notificationurl-validation.md
 * @0d928665): answer within 10 s, 200 text/plain, the token URL-decoded (Fastify's query parser
 * decodes it).
 */
function answerValidation(reply: FastifyReply, token: string) {
  return reply.code(200).type('text/plain; charset=utf-8').send(token);
}

const itemsOf = (body: unknown): unknown[] =>
  typeof body === 'object' && body !== null && Array.isArray((body as { value?: unknown }).value)
    ? (body as { value: unknown[] }).value
    : [];

/**
 * Where Graph posts change and lifecycle notifications for Outlook subscriptions. Both answer
 * the validation handshake; otherwise they reply 202 at once — Graph wants an answer within
 * 3 s (change-notifications-delivery-webhooks.md @2648e237) — and only genuine notifications
 * (a subscription of ours, carrying its clientState) have any effect: a pull queued for the
 * connection, or the subscription renewed or made again (lifecycle), after the answer.
 */
export async function microsoftNotificationRoutes(
  app: FastifyInstance,
  options: MicrosoftNotificationRouteOptions,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { calendar, jobs } = options;
  const running = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled([...running]);
  });
  /** Work after the answer, its failure logged; awaited in place when there is no job queue. */
  const afterAnswer = async (work: () => Promise<unknown>, what: string) => {
    const done = work().then(
      () => undefined,
      (error: unknown) => app.log.error({ err: error }, `Microsoft ${what} failed`),
    );
    if (!jobs) return done;
    running.add(done);
    void done.finally(() => running.delete(done));
  };
  const requestSync = (connectionId: string) =>
    jobs
      ? jobs.requestSync(connectionId, 'webhook')
      : afterAnswer(() => syncConnectionJob.handle(calendar, { connectionId, trigger: 'webhook' }), 'sync');

  const schema = (summary: string) => ({
    tags: ['calendar'],
    summary,
    querystring: validationQuery,
    body: z.union([notificationBodySchema, z.string(), z.null()]).optional(),
  });

  typed.post(
    '/api/calendar/webhook/microsoft',
    { schema: schema('Microsoft Graph change notifications (and the subscription validation handshake)') },
    async (request, reply) => {
      const { validationToken } = request.query;
      if (validationToken !== undefined) return answerValidation(reply, validationToken);
      await handleMicrosoftChangeNotifications(calendar, itemsOf(request.body), requestSync);
      return reply.code(202).send();
    },
  );

  typed.post(
    '/api/calendar/webhook/microsoft/lifecycle',
    { schema: schema('Microsoft Graph lifecycle notifications (reauthorization, removal, missed changes)') },
    async (request, reply) => {
      const { validationToken } = request.query;
      if (validationToken !== undefined) return answerValidation(reply, validationToken);
      const items = itemsOf(request.body);
      await afterAnswer(
        () => handleMicrosoftLifecycleNotifications(calendar, items, requestSync),
        'lifecycle notification',
      );
      return reply.code(202).send();
    },
  );
}
