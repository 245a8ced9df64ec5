import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CalendarContext } from '../../calendar/calendar-context.ts';
import { syncCallerCalendars } from '../../calendar/sync/sync-caller-calendars.ts';
import { syncResultSchema } from '../../shared/calendar.ts';
import { successEnvelope } from '../../shared/envelope.ts';
import { userCaller } from '../plugins/caller.ts';
import { ok } from '../reply.ts';

/** Spec 000: the Sync Appointments button. */
export async function appointmentSyncRoutes(app: FastifyInstance, options: { calendar: CalendarContext }) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/appointments/sync',
    {
      preValidation: app.requireUser,
      schema: {
        tags: ['calendar'],
        summary: 'Import assistant-booked appointments from connected calendars now',
        description:
          'Reads the connected Google calendars of the caller (of the whole practice for an admin), ' +
          'imports events booked by the voice assistant (extendedProperties.private.booked_by = "assistant") ' +
          'and answers with the number of appointments created, updated or cancelled. Expired connections ' +
          'are reported with needsReconnect instead of being tried. Only the calendars of owners and admins ' +
          'are imported from: a client’s calendar receives their appointments, and nothing in it changes any.',
        response: { 200: successEnvelope(syncResultSchema) },
      },
    },
    async (request) => {
      const result = await syncCallerCalendars(options.calendar, userCaller(request));
      return ok(result, `${result.synced} appointments synced successfully`);
    },
  );
}
