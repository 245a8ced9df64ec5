import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import {
  type AutoSyncSettings,
  getAutoSyncState,
  getCalendarStatus,
  setAutoSync,
} from '../../calendar/practice/calendar-status.ts';
import { syncToCalendar } from '../../calendar/practice/sync-to-calendar.ts';
import { getUpcomingEvents } from '../../calendar/practice/upcoming-events.ts';
import { syncCallerCalendars } from '../../calendar/sync/sync-caller-calendars.ts';
import { setupWatch } from '../../calendar/watch/setup-watch.ts';
import {
  autoSyncStateSchema,
  calendarStatusSchema,
  fullSyncResultSchema,
  setupWatchBodySchema,
  syncResultSchema,
  syncToCalendarResultSchema,
  upcomingEventsSchema,
  watchResultSchema,
} from '../../shared/calendar.ts';
import { apiErrorSchema, successEnvelope } from '../../shared/envelope.ts';
import { queryInteger } from '../../shared/query-integer.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

export interface CalendarPracticeRoutesOptions {
  calendar: CalendarContext;
  autoSync: AutoSyncSettings;
}

const refusals = { 401: apiErrorSchema, 403: apiErrorSchema };

/**
 * Spec 002's endpoints under /api/calendar/, for the caller's practice. Reading (status,
 * events, auto-sync status) is for any member, each seeing the calendars visible to them;
 * what acts for the whole practice (pulls, pushes, channels, the auto-sync switch) is for
 * owners and admins.
 */
export async function calendarPracticeRoutes(app: FastifyInstance, options: CalendarPracticeRoutesOptions) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { calendar, autoSync } = options;
  const admin = app.requireRole('owner', 'admin');
  const tags = ['calendar sync'];

  typed.get(
    '/api/calendar/status',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Sync status: calendar, time zone, connections, auto-sync',
        response: { 200: successEnvelope(calendarStatusSchema), 401: apiErrorSchema },
      },
    },
    async (request) => ok(await getCalendarStatus(calendar, userCaller(request), autoSync)),
  );

  typed.post(
    '/api/calendar/sync',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Calendar → Rendezvous: pull changes of every calendar of the practice now',
        response: { 200: successEnvelope(syncResultSchema), ...refusals },
      },
    },
    async (request) => ok(await syncCallerCalendars(calendar, userCaller(request))),
  );

  typed.post(
    '/api/calendar/sync-to-calendar',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Rendezvous → calendar: create the events that are missing for upcoming appointments',
        response: { 200: successEnvelope(syncToCalendarResultSchema), ...refusals },
      },
    },
    async (request) => ok(await syncToCalendar(calendar, userCaller(request).tenantId)),
  );

  typed.post(
    '/api/calendar/full-sync',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Both ways: push what is missing, then pull',
        response: { 200: successEnvelope(fullSyncResultSchema), ...refusals },
      },
    },
    async (request) => {
      const caller = userCaller(request);
      const toCalendar = await syncToCalendar(calendar, caller.tenantId);
      const fromCalendar = await syncCallerCalendars(calendar, caller);
      return ok({ toCalendar, fromCalendar });
    },
  );

  typed.get(
    '/api/calendar/events',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Upcoming events of the connected calendars',
        querystring: z.strictObject({
          max: queryInteger('max', 1, 250).default(50),
        }),
        response: { 200: successEnvelope(upcomingEventsSchema), 400: apiErrorSchema, 401: apiErrorSchema },
      },
    },
    async (request) => ok(await getUpcomingEvents(calendar, userCaller(request), request.query.max)),
  );

  typed.post(
    '/api/calendar/setup-watch',
    {
      preValidation: admin,
      schema: {
        tags,
        summary: 'Register push notifications for every active calendar of the practice',
        body: setupWatchBodySchema,
        response: {
          200: successEnvelope(watchResultSchema),
          400: apiErrorSchema,
          404: apiErrorSchema,
          ...refusals,
        },
      },
    },
    async (request) => ok(await setupWatch(calendar, userCaller(request), request.body?.webhook_url)),
  );

  typed.get(
    '/api/calendar/auto-sync/status',
    {
      preValidation: app.requireUser,
      schema: {
        tags,
        summary: 'Auto-sync state of the practice',
        response: { 200: successEnvelope(autoSyncStateSchema), 401: apiErrorSchema },
      },
    },
    async (request) => ok(await getAutoSyncState(calendar, userCaller(request).tenantId, autoSync)),
  );

  for (const [path, enabled] of [
    ['/api/calendar/auto-sync/start', true],
    ['/api/calendar/auto-sync/stop', false],
  ] as const) {
    typed.post(
      path,
      {
        preValidation: admin,
        schema: {
          tags,
          summary: enabled
            ? 'Start auto-sync for the practice (if the server has it on)'
            : 'Stop auto-sync for the practice',
          response: { 200: successEnvelope(autoSyncStateSchema), ...refusals },
        },
      },
      async (request) => {
        const tenantId = userCaller(request).tenantId;
        await setAutoSync(calendar, tenantId, enabled);
        return ok(await getAutoSyncState(calendar, tenantId, autoSync));
      },
    );
  }
}
