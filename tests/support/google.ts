import { answerGoogleConsent } from '../../emulators/google/consent-driver.ts';
import { startGoogleEmulator } from '../../emulators/google/server.ts';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { emulatorControl } from './emulator-control.ts';
import type { TestClient } from './http.ts';
import { testPublicUrl } from './test-app.ts';

export const googleClient = { id: 'rendezvous-dev.apps.googleusercontent.com', secret: 'dev-secret' };

/** A Google emulator and the environment that points Rendezvous at it. */
export async function startGoogle(): Promise<{ emulator: RunningEmulator; env: Record<string, string> }> {
  const emulator = await startGoogleEmulator();
  return {
    emulator,
    env: {
      GOOGLE_CLIENT_ID: googleClient.id,
      GOOGLE_CLIENT_SECRET: googleClient.secret,
      GOOGLE_REDIRECT_URI: `${testPublicUrl}/api/calendar/callback/google`,
      GOOGLE_AUTH_URL: `${emulator.url}/o/oauth2/v2/auth`,
      GOOGLE_TOKEN_URL: `${emulator.url}/token`,
      GOOGLE_API_BASE_URL: emulator.url,
    },
  };
}

/** Calls the emulator's control API under /__emulator/. */
export function control(emulator: RunningEmulator, method: string, path: string, body?: unknown) {
  return emulatorControl(emulator.url, method, path, body);
}

/**
 * Walks the OAuth flow as a browser would: our connect URL → Google's consent page → "Allow"
 * (or "Cancel") → back to our callback with the user's cookie. Returns where we redirected.
 */
export async function consentThroughGoogle(
  user: TestClient,
  emulator: RunningEmulator,
  options: { email: string; decision?: 'allow' | 'deny'; tamperState?: (state: string) => string },
): Promise<string> {
  const connect = await user.get('/api/calendar/connect?provider=google');
  if (connect.statusCode !== 200) throw new Error(`connect failed: ${connect.body}`);
  const back = await answerGoogleConsent(emulator.url, connect.json().data.url as string, options);
  const callback = await user.get(`${back.pathname}${back.search}`);
  return callback.headers.location as string;
}

/** An event as the voice assistant books it in Google Calendar (spec 000's metadata). */
export function assistantEvent(overrides: {
  start: string;
  end: string;
  summary?: string;
  email?: string;
  phone?: string;
  service?: string;
  patientType?: string;
}) {
  return {
    summary: overrides.summary ?? 'Consultation - Jean Dupont',
    description: 'Booked by phone; prefers mornings.',
    start: { dateTime: overrides.start },
    end: { dateTime: overrides.end },
    extendedProperties: {
      private: {
        booked_by: 'assistant',
        email: overrides.email ?? 'jean.dupont@example.com',
        phone: overrides.phone ?? '+33 6 11 22 33 44',
        service: overrides.service ?? 'Consultation',
        patient_type: overrides.patientType ?? 'new',
      },
    },
  };
}

/**
 * A Google emulator whose service account can write to `calendarId`, and the environment of
 * spec 002's service-account mode. The calendar is a person's primary one when `asAccount`
 * (spec 002 shares the doctor's own), else a calendar of its own.
 */
export async function startGoogleWithServiceAccount(
  calendarId: string,
  options: { asAccount?: boolean } = {},
): Promise<{ emulator: RunningEmulator; env: Record<string, string> }> {
  const started = await startGoogle();
  if (options.asAccount) await control(started.emulator, 'POST', 'accounts', { email: calendarId });
  else await control(started.emulator, 'POST', 'calendars', { id: calendarId, owner: calendarId });
  const { keyFile } = await control(started.emulator, 'POST', 'service-accounts', {
    name: 'clinic-sync',
    calendars: [calendarId],
  });
  return {
    emulator: started.emulator,
    env: {
      ...started.env,
      GOOGLE_SERVICE_ACCOUNT_JSON: JSON.stringify(keyFile),
      GOOGLE_CALENDAR_ID: calendarId,
    },
  };
}
