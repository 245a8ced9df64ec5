import { and, eq, notInArray } from 'drizzle-orm';
import { answerGoogleConsent } from '../../emulators/google/consent-driver.ts';
import { startGoogleEmulator } from '../../emulators/google/server.ts';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import type { CalendarContext } from '../../src/calendar/calendar-context.ts';
import { storeCalendarConnection } from '../../src/calendar/connections/store-calendar-connection.ts';
import { exchangeGoogleCode, getGoogleAuthUrl } from '../../src/calendar/google/google-oauth.ts';
import { calendarConnections, calendarEventLinks } from '../../src/db/schema/index.ts';
import { workingDayAt } from './demo-days.ts';

export const demoGoogleClient = { id: 'rendezvous-dev.apps.googleusercontent.com', secret: 'dev-secret' };

/** Starts the Google emulator for the demo on a fixed port, so the browser can reach its consent page. */
export async function startDemoGoogle(port: number): Promise<RunningEmulator> {
  return startGoogleEmulator({ port, host: '127.0.0.1' });
}

/** Environment that points Rendezvous at the demo's Google emulator. */
export function demoGoogleEnv(url: string): Record<string, string> {
  return {
    GOOGLE_CLIENT_ID: demoGoogleClient.id,
    GOOGLE_CLIENT_SECRET: demoGoogleClient.secret,
    GOOGLE_AUTH_URL: `${url}/o/oauth2/v2/auth`,
    GOOGLE_TOKEN_URL: `${url}/token`,
    GOOGLE_API_BASE_URL: url,
  };
}

const utcDay = (offset: number, hour: number, minute = 0) => workingDayAt(offset, hour, minute).toISOString();

/**
 * The owner's Google calendar as the voice assistant left it: bookings with their metadata,
 * plus personal events that only count as busy time. Event ids are fixed (Google accepts
 * client-chosen base32hex ids), so a restarted demo finds the same events and imports nothing twice.
 */
function demoEvents(assistantId?: string) {
  /** The address an assistant would have taken down: "Chloé Petit" is chloe.petit@… */
  const emailOf = (name: string) =>
    `${name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')}@example.com`;
  const booking = (
    id: string,
    day: number,
    hour: number,
    name: string,
    service: string,
    patientType: string,
    phone: string,
  ) => ({
    id,
    summary: `${service} - ${name}`,
    description: 'Booked by the voice assistant.',
    start: { dateTime: utcDay(day, hour), timeZone: 'Europe/Paris' },
    end: { dateTime: utcDay(day, hour, 30), timeZone: 'Europe/Paris' },
    extendedProperties: {
      private: {
        booked_by: 'assistant',
        ...(assistantId ? { assistant_id: assistantId } : {}),
        email: emailOf(name),
        phone,
        service,
        patient_type: patientType,
      },
    },
  });
  return [
    booking('rdvdemoa01', 1, 11, 'Sophie Martin', 'Initial consultation', 'new', '+33 6 45 12 78 90'),
    booking('rdvdemoa02', 2, 16, 'Lucas Bernard', 'Follow-up visit', 'returning', '+33 7 12 34 98 76'),
    booking('rdvdemoa03', 3, 11, 'Chloé Petit', 'Follow-up visit', 'returning', '+33 6 98 76 54 32'),
    booking('rdvdemoa04', 4, 9, 'Hugo Laurent', 'Initial consultation', 'new', '+33 6 22 33 44 55'),
    {
      id: 'rdvdemop01',
      summary: 'Lunch with Paul',
      start: { dateTime: utcDay(1, 12) },
      end: { dateTime: utcDay(1, 13) },
    },
    {
      id: 'rdvdemop02',
      summary: 'Dentist',
      start: { dateTime: utcDay(2, 9) },
      end: { dateTime: utcDay(2, 10) },
    },
  ];
}

async function control(url: string, path: string, body: unknown) {
  const response = await fetch(`${url}/__emulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Google emulator ${path}: ${response.status} ${await response.text()}`);
}

/**
 * Seeds the owner's calendar in the emulator and connects it to the demo practice through the
 * real OAuth flow (consent answered on the owner's behalf). The emulator keeps nothing between
 * runs, so on a restart what Rendezvous stored about the calendar is of a calendar gone:
 * - the cursor is dropped, so the first sync re-reads the calendar;
 * - the links to the events it pushed before are dropped too. Kept, the re-read would take those
 *   events' absence for deletions in Google and cancel their appointments; forgotten, the
 *   appointments are pushed again, as to a calendar just connected. The seeded events keep their
 *   links (their ids are fixed), so none of their bookings is imported twice.
 */
export async function connectDemoCalendar(
  ctx: CalendarContext,
  emulatorUrl: string,
  owner: { tenantId: string; userId: string; email: string },
  assistantId?: string,
): Promise<void> {
  await control(emulatorUrl, 'accounts', { email: owner.email, timeZone: 'Europe/Paris' });
  await control(emulatorUrl, 'seed', { calendarId: owner.email, events: demoEvents(assistantId) });
  const consent = await answerGoogleConsent(emulatorUrl, getGoogleAuthUrl(ctx.google, 'demo'), {
    email: owner.email,
  });
  const tokens = await exchangeGoogleCode(ctx.google, consent.searchParams.get('code') ?? '');
  const connection = await storeCalendarConnection(ctx, {
    tenantId: owner.tenantId,
    userId: owner.userId,
    provider: 'google',
    authType: 'oauth',
    email: owner.email,
    calendarId: 'primary',
    tokens,
  });
  await ctx.db
    .update(calendarConnections)
    .set({ syncCursor: null })
    .where(eq(calendarConnections.id, connection.id));
  await ctx.db.delete(calendarEventLinks).where(
    and(
      eq(calendarEventLinks.connectionId, connection.id),
      notInArray(
        calendarEventLinks.externalEventId,
        demoEvents().map((event) => event.id),
      ),
    ),
  );
}
