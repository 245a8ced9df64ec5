import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { deleteEvent, findEvent, insertEvent, patchEvent } from './calendar-events.ts';
import { parseOr400 } from './control-routes.ts';
import { fullEventResource } from './event-resource.ts';
import type { Calendar, GoogleEmulatorState } from './state.ts';

/**
 * Control routes that edit calendars "upstream", as a person in Google Calendar's UI would:
 * no auth, but every change bumps sync state and notifies channels like an API change.
 */

interface CalendarParams {
  calendarId: string;
}
interface EventParams extends CalendarParams {
  eventId: string;
}

const generateSchema = z.object({
  count: z.number().int().positive().max(100_000),
  /** First event's start; the others follow every `everyMinutes`. */
  start: z.iso.datetime({ offset: true }).default('2030-01-07T09:00:00Z'),
  durationMinutes: z.number().int().positive().default(30),
  everyMinutes: z.number().int().positive().default(60),
  summaryPrefix: z.string().default('Seeded event'),
  privateExtendedProperties: z.record(z.string(), z.string()).optional(),
});
const seedSchema = z.object({
  calendarId: z.string().min(1),
  events: z.array(z.record(z.string(), z.unknown())).default([]),
  generate: generateSchema.optional(),
});
const expireSchema = z.object({ calendarId: z.string().optional() });

function generatedEvents(spec: z.infer<typeof generateSchema>): Record<string, unknown>[] {
  const first = Date.parse(spec.start);
  return Array.from({ length: spec.count }, (_, i) => {
    const start = first + i * spec.everyMinutes * 60_000;
    const event: Record<string, unknown> = {
      summary: `${spec.summaryPrefix} ${i + 1}`,
      start: { dateTime: new Date(start).toISOString() },
      end: { dateTime: new Date(start + spec.durationMinutes * 60_000).toISOString() },
    };
    if (spec.privateExtendedProperties)
      event.extendedProperties = { private: spec.privateExtendedProperties };
    return event;
  });
}

export function registerControlEventsRoutes(app: FastifyInstance, state: GoogleEmulatorState) {
  /** Calendars named by an email are created with their account on first use. */
  function calendarFor(calendarId: string, reply: FastifyReply): Calendar | undefined {
    if (!state.calendars.has(calendarId) && calendarId.includes('@')) state.ensureAccount(calendarId);
    const calendar = state.calendars.get(calendarId);
    if (!calendar) reply.code(404).send({ error: `Unknown calendar ${calendarId}` });
    return calendar;
  }

  app.get<{ Params: CalendarParams }>('/__emulator/calendars/:calendarId/events', async (request, reply) => {
    const calendar = calendarFor(request.params.calendarId, reply);
    if (!calendar) return reply;
    return { items: calendar.order.map((event) => fullEventResource(calendar, event, calendar.owner)) };
  });

  app.post<{ Params: CalendarParams }>('/__emulator/calendars/:calendarId/events', async (request, reply) => {
    const calendar = calendarFor(request.params.calendarId, reply);
    if (!calendar) return reply;
    const event = insertEvent(state, calendar, (request.body ?? {}) as Record<string, unknown>);
    return reply.code(201).send(fullEventResource(calendar, event, calendar.owner));
  });

  app.patch<{ Params: EventParams }>(
    '/__emulator/calendars/:calendarId/events/:eventId',
    async (request, reply) => {
      const calendar = calendarFor(request.params.calendarId, reply);
      if (!calendar) return reply;
      const event = findEvent(calendar, request.params.eventId);
      patchEvent(state, calendar, event, (request.body ?? {}) as Record<string, unknown>);
      return fullEventResource(calendar, event, calendar.owner);
    },
  );

  app.delete<{ Params: EventParams }>(
    '/__emulator/calendars/:calendarId/events/:eventId',
    async (request, reply) => {
      const calendar = calendarFor(request.params.calendarId, reply);
      if (!calendar) return reply;
      deleteEvent(state, calendar, findEvent(calendar, request.params.eventId));
      return reply.code(204).send();
    },
  );

  // Bulk seeding: one call, many events (10,000 in well under a second), one notification.
  app.post('/__emulator/seed', async (request, reply) => {
    const input = parseOr400(seedSchema, request.body, reply);
    if (!input) return reply;
    const calendar = calendarFor(input.calendarId, reply);
    if (!calendar) return reply;
    const bodies = [...input.events, ...(input.generate ? generatedEvents(input.generate) : [])];
    const ids = bodies.map((body) => insertEvent(state, calendar, body, { notify: false }).id);
    if (ids.length > 0) state.onCalendarChanged(calendar);
    return reply.code(201).send({ calendarId: calendar.id, inserted: ids.length, ids });
  });

  // Every outstanding sync token (of one calendar, or all) now answers 410 fullSyncRequired.
  app.post('/__emulator/expire-sync-tokens', async (request, reply) => {
    const input = parseOr400(expireSchema, request.body, reply);
    if (!input) return reply;
    const calendars = input.calendarId
      ? [state.calendars.get(input.calendarId)]
      : [...state.calendars.values()];
    let expired = 0;
    for (const calendar of calendars) {
      if (!calendar) continue;
      calendar.syncGeneration += 1;
      expired += 1;
    }
    return { calendars: expired };
  });
}
