import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import { listConnectionRows } from '../../calendar/connections/list-connections.ts';
import {
  type AutoSyncSettings,
  getAutoSyncState,
  getCalendarStatus,
  setAutoSync,
} from '../../calendar/practice/calendar-status.ts';
import { syncToCalendar } from '../../calendar/practice/sync-to-calendar.ts';
import { getUpcomingEvents } from '../../calendar/practice/upcoming-events.ts';
import { syncCallerCalendars } from '../../calendar/sync/sync-caller-calendars.ts';
import { watchConnection } from '../../calendar/watch/watch-connection.ts';
import { AppError } from '../../domain/errors.ts';
import { syncResultSchema } from '../../shared/calendar.ts';
import { successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

export interface CalendarPracticeRoutesOptions {
  calendar: CalendarContext;
  autoSync: () => AutoSyncSettings;
}

/**
 * Spec 002's endpoints under /api/calendar/, for the caller's practice. Those that act for
 * the whole practice are for owners and admins.
 */
export async function calendarPracticeRoutes(app: FastifyInstance, options: CalendarPracticeRoutesOptions) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { calendar } = options;
  const admin = app.requireRole('owner', 'admin');
  const tags = ['calendar sync'];

  typed.get(
    '/api/calendar/status',
    {
      preHandler: app.requireUser,
      schema: { tags, summary: 'Sync status: calendar, time zone, connections, auto-sync' },
    },
    async (request) => ok(await getCalendarStatus(calendar, userCaller(request), options.autoSync())),
  );

  typed.post(
    '/api/calendar/sync',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Calendar → Rendezvous: pull changes now',
        response: { 200: successEnvelope(syncResultSchema) },
      },
    },
    async (request) => ok(await syncCallerCalendars(calendar, userCaller(request))),
  );

  typed.post(
    '/api/calendar/sync-to-calendar',
    {
      preHandler: admin,
      schema: { tags, summary: 'Rendezvous → calendar: create the events that are missing' },
    },
    async (request) => ok(await syncToCalendar(calendar, userCaller(request).tenantId)),
  );

  typed.post(
    '/api/calendar/full-sync',
    { preHandler: admin, schema: { tags, summary: 'Both ways: push what is missing, then pull' } },
    async (request) => {
      const caller = userCaller(request);
      const pushed = await syncToCalendar(calendar, caller.tenantId);
      const pulled = await syncCallerCalendars(calendar, caller);
      return ok({ toCalendar: pushed, fromCalendar: pulled });
    },
  );

  typed.get(
    '/api/calendar/events',
    {
      preHandler: app.requireUser,
      schema: {
        tags,
        summary: 'Upcoming events of the connected calendars',
        querystring: z.strictObject({ max: z.coerce.number().int().min(1).max(250).default(50) }),
      },
    },
    async (request) => ok(await getUpcomingEvents(calendar, userCaller(request), request.query.max)),
  );

  typed.post(
    '/api/calendar/setup-watch',
    {
      preHandler: admin,
      schema: {
        tags,
        summary: 'Register push notifications for every active connection of the practice',
        body: z
          .strictObject({ webhook_url: z.url({ message: 'webhook_url must be an absolute URL' }).optional() })
          .optional(),
      },
    },
    async (request) => {
      const rows = (await listConnectionRows(calendar.db, userCaller(request))).filter(
        (c) => c.status === 'active',
      );
      if (rows.length === 0) throw new AppError('NOT_FOUND', 'No active calendar connection to watch');
      const watched = [];
      for (const row of rows) {
        const updated = await watchConnection(calendar, row, request.body?.webhook_url);
        watched.push({
          connectionId: updated.id,
          channelId: updated.watchChannelId,
          expiresAt: updated.watchExpiresAt?.toISOString() ?? null,
        });
      }
      return ok(watched);
    },
  );

  typed.get(
    '/api/calendar/auto-sync/status',
    { preHandler: app.requireUser, schema: { tags, summary: 'Auto-sync state of the practice' } },
    async (request) => ok(await getAutoSyncState(calendar, userCaller(request).tenantId, options.autoSync())),
  );

  for (const [path, enabled] of [
    ['/api/calendar/auto-sync/start', true],
    ['/api/calendar/auto-sync/stop', false],
  ] as const) {
    typed.post(
      path,
      {
        preHandler: admin,
        schema: {
          tags,
          summary: enabled ? 'Start auto-sync for the practice' : 'Stop auto-sync for the practice',
        },
      },
      async (request) => {
        const tenantId = userCaller(request).tenantId;
        await setAutoSync(calendar, tenantId, enabled);
        return ok(await getAutoSyncState(calendar, tenantId, options.autoSync()));
      },
    );
  }
}
