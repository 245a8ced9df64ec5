import { answerMicrosoftConsent } from '../../emulators/microsoft/consent-driver.ts';
import { startMicrosoftEmulator } from '../../emulators/microsoft/server.ts';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { emulatorControl } from './emulator-control.ts';
import type { TestClient } from './http.ts';
import { testPublicUrl } from './test-app.ts';

/** The emulator's default development app (any redirect URI accepted). */
export const microsoftClient = { id: 'rendezvous-dev-ms', secret: 'dev-secret' };

/** A Microsoft emulator and the environment that points Rendezvous at it. */
export async function startMicrosoft(): Promise<{ emulator: RunningEmulator; env: Record<string, string> }> {
  const emulator = await startMicrosoftEmulator();
  return {
    emulator,
    env: {
      MICROSOFT_CLIENT_ID: microsoftClient.id,
      MICROSOFT_CLIENT_SECRET: microsoftClient.secret,
      MICROSOFT_REDIRECT_URI: `${testPublicUrl}/api/calendar/callback/microsoft`,
      MICROSOFT_AUTHORITY_URL: emulator.url,
      MICROSOFT_GRAPH_BASE_URL: `${emulator.url}/v1.0`,
    },
  };
}

/** Calls the emulator's control API under /__emulator/. */
export function control(emulator: RunningEmulator, method: string, path: string, body?: unknown) {
  return emulatorControl(emulator.url, method, path, body);
}

/** Seeds an Outlook mailbox; returns the user's id (Graph's, used by the control API). */
export async function addMailbox(emulator: RunningEmulator, mail: string): Promise<string> {
  return (await control(emulator, 'POST', 'users', { mail, displayName: mail.split('@')[0] })).id;
}

/**
 * Walks the OAuth flow as a browser would: our connect URL → Microsoft's consent page → Accept
 * (or Cancel) → back to our callback with the user's cookie. Returns where we redirected.
 */
export async function consentThroughMicrosoft(
  user: TestClient,
  options: { email: string; decision?: 'accept' | 'cancel'; tamperState?: (state: string) => string },
): Promise<string> {
  const connect = await user.get('/api/calendar/connect?provider=microsoft');
  if (connect.statusCode !== 200) throw new Error(`connect failed: ${connect.body}`);
  const back = await answerMicrosoftConsent(connect.json().data.url as string, options);
  const callback = await user.get(`${back.pathname}${back.search}`);
  return callback.headers.location as string;
}
