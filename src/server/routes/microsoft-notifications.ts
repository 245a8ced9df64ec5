import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import {
  type ConnectionChanged,
  handleMicrosoftChangeNotifications,
  handleMicrosoftLifecycleNotifications,
  notificationBodySchema,
} from '../../calendar/microsoft/microsoft-notifications.ts';

export interface MicrosoftNotificationRouteOptions {
  calendar: CalendarContext;
  /** A connection has upstream changes: queue its sync (called once per connection per delivery). */
  onConnectionChanged: ConnectionChanged;
  /**
   * Runs lifecycle work (a subscription renewal calls Graph) after the 202 has gone; by default
   * in the background with errors logged. Tests pass one that lets them await the work.
   */
  runLater?: (work: () => Promise<void>) => void;
}

const validationQuery = z.object({ validationToken: z.string().optional() }).passthrough();

/**
 * Graph's validation handshake (change-notifications-delivery-notificationurl-validation.md):
 * answer within 10 s, 200 text/plain, the token URL-decoded (Fastify's query parser decodes it).
 */
function answerValidation(reply: FastifyReply, token: string) {
  return reply.code(200).type('text/plain; charset=utf-8').send(token);
}

/**
 * Where Graph posts change and lifecycle notifications for Outlook subscriptions. Both answer
 * the validation handshake; otherwise they reply 202 — Graph wants an answer within 3 s — and
 * only genuine notifications (a subscription of ours, its clientState) have any effect.
 */
export async function microsoftNotificationRoutes(
  app: FastifyInstance,
  options: MicrosoftNotificationRouteOptions,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { calendar, onConnectionChanged } = options;
  const runLater =
    options.runLater ??
    ((work: () => Promise<void>) => {
      work().catch((error) => app.log.error({ err: error }, 'Microsoft lifecycle notification failed'));
    });
  const tags = ['calendar'];
  const schema = (summary: string) => ({
    tags,
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
      const items = typeof request.body === 'object' && request.body ? request.body.value : [];
      await handleMicrosoftChangeNotifications(calendar, items, onConnectionChanged);
      return reply.code(202).send();
    },
  );

  typed.post(
    '/api/calendar/webhook/microsoft/lifecycle',
    { schema: schema('Microsoft Graph lifecycle notifications (reauthorization, removal, missed changes)') },
    async (request, reply) => {
      const { validationToken } = request.query;
      if (validationToken !== undefined) return answerValidation(reply, validationToken);
      const items = typeof request.body === 'object' && request.body ? request.body.value : [];
      runLater(() => handleMicrosoftLifecycleNotifications(calendar, items, onConnectionChanged));
      return reply.code(202).send();
    },
  );
}
