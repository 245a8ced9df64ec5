import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import {
  completeGoogleConnect,
  connectGoogleServiceAccount,
  startGoogleConnect,
} from '../../calendar/connections/connect-google.ts';
import {
  completeMicrosoftConnect,
  startMicrosoftConnect,
} from '../../calendar/connections/connect-microsoft.ts';
import { toConnectionDto } from '../../calendar/connections/connection-dto.ts';
import { disconnectCalendar } from '../../calendar/connections/disconnect-calendar.ts';
import { getCalendarConnections } from '../../calendar/connections/list-connections.ts';
import { retryRefusedPushes } from '../../calendar/connections/retry-refused-pushes.ts';
import { setBlocksWholePractice } from '../../calendar/connections/set-blocks-whole-practice.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import {
  busyTimeSettingSchema,
  calendarConnectionSchema,
  connectErrors,
  connectQuerySchema,
} from '../../shared/calendar.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { type UserCaller, userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

const settingsPage = '/dashboard/calendar/settings';

export interface CalendarConnectionRoutesOptions {
  calendar: CalendarContext;
  /** Without a job queue (some tests) a new connection waits for the next sync instead. */
  jobs?: JobQueue;
}

/** Calendar connections (spec 001 "Calendar Connections"): list, connect by OAuth, disconnect. */
export async function calendarConnectionRoutes(
  app: FastifyInstance,
  options: CalendarConnectionRoutesOptions,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { calendar, jobs } = options;
  const tags = ['calendar'];
  /** A calendar just connected: its first pull and the pushes queued for it start at once. */
  const startSyncing = async (connectionId: string) => {
    await jobs?.requestSync(connectionId, 'manual');
    await jobs?.requestPush();
  };

  typed.get(
    '/api/calendar',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'List connected calendars (never their tokens)',
        response: { 200: successEnvelope(z.array(calendarConnectionSchema)) },
      },
    },
    async (request) => ok(await getCalendarConnections(calendar.db, userCaller(request))),
  );

  typed.get(
    '/api/calendar/connect',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'The OAuth authorization URL to send the user to',
        querystring: connectQuerySchema,
        response: { 200: successEnvelope(z.object({ url: z.string() })), 501: apiErrorSchema },
      },
    },
    async (request) => {
      const start = request.query.provider === 'microsoft' ? startMicrosoftConnect : startGoogleConnect;
      return ok({ url: start(calendar, userCaller(request)) });
    },
  );

  const callbacks = { google: completeGoogleConnect, microsoft: completeMicrosoftConnect } as const;
  for (const [provider, complete] of Object.entries(callbacks)) {
    const name = provider === 'google' ? 'Google' : 'Microsoft';
    typed.get(
      `/api/calendar/callback/${provider}`,
      {
        schema: {
          tags,
          summary: `Where ${name} sends the user back; redirects to the calendar settings page`,
          description:
            '303 to the settings page with `?connected=` on success, else `?error=` with one of: ' +
            `${connectErrors.join(', ')} (already_connected: the practice has connected this calendar already).`,
          querystring: z
            .object({
              code: z.string().optional(),
              state: z.string().optional(),
              error: z.string().optional(),
            })
            .passthrough(),
        },
      },
      async (request, reply) => {
        const outcome = await complete(calendar, await optionalCaller(app, request), request.query);
        if (outcome.ok) await startSyncing(outcome.connection.id);
        const target = outcome.ok
          ? `${settingsPage}?connected=${provider}`
          : `${settingsPage}?error=${outcome.reason}`;
        return reply.redirect(target, 303);
      },
    );
  }

  typed.post(
    '/api/calendar/service-account',
    {
      preValidation: app.requireRole('owner', 'admin'),
      schema: {
        tags,
        summary: "Connect the server's Google service-account calendar to the practice it belongs to",
        description:
          'The calendar in GOOGLE_CALENDAR_ID, shared with the service account of GOOGLE_SERVICE_ACCOUNT_JSON, ' +
          'belongs to one practice of the server: the one GOOGLE_SERVICE_ACCOUNT_PRACTICE names (id or slug), ' +
          "else the server's first practice. Only its owners and admins may connect it (GET /api/calendar/status " +
          '`service_account.can_connect`); any other practice gets 403 and nothing is stored. Connecting it ' +
          'again refreshes the connection the practice has (200) instead of adding another (201). A calendar ' +
          "the practice has connected already, such as a practitioner's own account, is refused (409).",
        response: {
          200: successEnvelope(calendarConnectionSchema),
          201: successEnvelope(calendarConnectionSchema),
          401: apiErrorSchema,
          403: apiErrorSchema,
          409: apiErrorSchema,
          501: apiErrorSchema,
          502: apiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { connection, isNew } = await connectGoogleServiceAccount(calendar, userCaller(request));
      await startSyncing(connection.id);
      return reply.code(isNew ? 201 : 200).send(ok(toConnectionDto(connection)));
    },
  );

  typed.delete(
    '/api/calendar',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Disconnect a calendar; appointments are kept',
        querystring: z.strictObject({ id: z.uuid({ message: 'id must be a connection id' }) }),
        response: { 200: successEnvelope(z.object({ id: z.string() })), 404: apiErrorSchema },
      },
    },
    async (request) => {
      await disconnectCalendar(calendar, userCaller(request), request.query.id);
      return ok({ id: request.query.id });
    },
  );

  typed.put(
    '/api/calendar/busy-time',
    {
      preValidation: app.requireRole('owner', 'admin'),
      schema: {
        tags,
        summary: "Whether a calendar's other events block the whole practice or only its owner",
        description:
          'The events of a connected calendar that Rendezvous did not book are busy time: by default they ' +
          'block only the member who connected it. `blocksWholePractice: true` makes them block every ' +
          'practitioner of the practice (a shared clinic calendar: "Clinic closed", "Team meeting"), in ' +
          'availability and when booking (409 SLOT_UNAVAILABLE); the busy time already read changes at once. ' +
          "Owners and admins only, on a staff member's calendar: a client's calendar is 422 " +
          "NOT_A_STAFF_CALENDAR, an unknown id (or another practice's) 404.",
        body: busyTimeSettingSchema,
        response: {
          200: successEnvelope(calendarConnectionSchema),
          400: apiErrorSchema,
          401: apiErrorSchema,
          403: apiErrorSchema,
          404: apiErrorSchema,
          422: apiErrorSchema,
        },
      },
    },
    async (request) => {
      const { id, blocksWholePractice } = request.body;
      return ok(await setBlocksWholePractice(calendar, userCaller(request), id, blocksWholePractice));
    },
  );

  typed.post(
    '/api/calendar/retry-pushes',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Try again the appointments a calendar refused (its failedPushes)',
        description:
          'Queues again every push this connection refused for good (`failedPushes` in GET /api/calendar), ' +
          'once the cause is fixed (e.g. write access given to the calendar). Answers how many were queued.',
        querystring: z.strictObject({ id: z.uuid({ message: 'id must be a connection id' }) }),
        response: {
          200: successEnvelope(z.object({ retried: z.number().int() })),
          400: apiErrorSchema,
          404: apiErrorSchema,
        },
      },
    },
    async (request) => {
      const result = await retryRefusedPushes(calendar.db, userCaller(request), request.query.id);
      if (result.retried > 0) await jobs?.requestPush();
      return ok(result);
    },
  );
}

/** The callback is a top-level navigation: a missing session is a failed state check, not a 401 page. */
async function optionalCaller(app: FastifyInstance, request: FastifyRequest): Promise<UserCaller | null> {
  try {
    await app.requireUser.call(app, request, undefined as never);
    return userCaller(request);
  } catch {
    return null;
  }
}
