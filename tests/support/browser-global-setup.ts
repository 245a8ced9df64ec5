import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';
import { startGoogleEmulator } from '../../emulators/google/server.ts';
import {
  DEFAULT_API_KEY as lagoApiKey,
  DEFAULT_HMAC_KEY as lagoHmacKey,
  startLagoEmulator,
} from '../../emulators/lago/server.ts';
import { startMicrosoftEmulator } from '../../emulators/microsoft/server.ts';
import { registerDemoWebhook } from '../../scripts/demo/lago-demo.ts';
import { openDatabase } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/server/app.ts';
import { emulatorControl } from './emulator-control.ts';
import { googleClient } from './google.ts';
import { microsoftClient } from './microsoft.ts';
import { testConfig } from './test-app.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The Google Calendar emulator the server talks to (control API under /__emulator/). */
    googleUrl: string;
    /** The Microsoft Graph emulator the server talks to. */
    microsoftUrl: string;
    /** The Lago emulator that invoices paid appointments. */
    lagoUrl: string;
    /** GOOGLE_CALENDAR_ID: the calendar shared with the server's service account. */
    sharedCalendarId: string;
    /** The owner of the server's first practice, signed up here: the shared calendar is theirs. */
    firstPracticeOwner: { name: string; email: string; password: string };
  }
}

/**
 * The browser tests' server: the production build of the web app, served by the real
 * application on a free port with a fresh embedded database, exactly as `npm start` serves it,
 * talking to the Google and Microsoft emulators (the browser walks their consent pages) and to
 * the Lago emulator (paid appointments get real invoices). A Google calendar is shared with the
 * server's service account; it belongs to the server's first practice, signed up here.
 */
export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(path.join(tmpdir(), 'rendezvous-e2e-'));
  const webRoot = path.join(workDir, 'web');
  // Vitest runs with NODE_ENV=test, which would make the React plugin emit development JSX
  // (jsxDEV) against React's production build: a blank page. Build as `npm run build` does.
  const testNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.resolve(import.meta.dirname, '../../vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: webRoot, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = testNodeEnv;
  }

  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  const google = await startGoogleEmulator();
  const microsoft = await startMicrosoftEmulator();
  // PUBLIC_URL must be the address the browser uses, so same-origin checks see the right origin.
  const port = 41000 + Math.floor(Math.random() * 9000);
  const publicUrl = `http://127.0.0.1:${port}`;
  // Its checkout page plays the payment provider, and sends the payer back to their payments.
  const lago = await startLagoEmulator({ checkoutSuccessUrl: `${publicUrl}/dashboard/payments` });
  // Service-account mode (spec 002): a clinic's calendar shared with the server's service account.
  const sharedCalendarId = 'front-desk@e2e-clinic.example';
  await emulatorControl(google.url, 'POST', 'calendars', { id: sharedCalendarId, owner: sharedCalendarId });
  const { keyFile } = await emulatorControl(google.url, 'POST', 'service-accounts', {
    name: 'clinic-sync',
    calendars: [sharedCalendarId],
  });
  const config = testConfig({
    PUBLIC_URL: publicUrl,
    PORT: String(port),
    AUTO_SYNC_ENABLED: 'true',
    // The emulators' default development clients accept any redirect URI.
    GOOGLE_CLIENT_ID: googleClient.id,
    GOOGLE_CLIENT_SECRET: googleClient.secret,
    GOOGLE_REDIRECT_URI: `${publicUrl}/api/calendar/callback/google`,
    GOOGLE_AUTH_URL: `${google.url}/o/oauth2/v2/auth`,
    GOOGLE_TOKEN_URL: `${google.url}/token`,
    GOOGLE_API_BASE_URL: google.url,
    GOOGLE_SERVICE_ACCOUNT_JSON: JSON.stringify(keyFile),
    GOOGLE_CALENDAR_ID: sharedCalendarId,
    MICROSOFT_CLIENT_ID: microsoftClient.id,
    MICROSOFT_CLIENT_SECRET: microsoftClient.secret,
    MICROSOFT_REDIRECT_URI: `${publicUrl}/api/calendar/callback/microsoft`,
    MICROSOFT_AUTHORITY_URL: microsoft.url,
    MICROSOFT_GRAPH_BASE_URL: `${microsoft.url}/v1.0`,
    LAGO_API_URL: `${lago.url}/api/v1`,
    LAGO_API_KEY: lagoApiKey,
    LAGO_WEBHOOK_SECRET: lagoHmacKey,
    LAGO_PAYMENT_PROVIDER: 'stripe',
  });
  const app = await buildApp({
    config,
    database,
    webRoot,
    authRateLimit: { max: 1000, timeWindowMs: 60_000 },
    calendarRetry: { sleep: async () => {} },
  });
  await app.listen({ port, host: '127.0.0.1' });
  // The server's first practice, which the shared calendar belongs to (GOOGLE_SERVICE_ACCOUNT_PRACTICE
  // unset), signed up before any test file opens its own.
  const firstPracticeOwner = {
    name: 'Fiona First',
    email: 'fiona.first@e2e-clinic.example',
    password: 'a calm practice 42',
  };
  const signUp = await app.inject({
    method: 'POST',
    url: '/api/signup',
    headers: { origin: publicUrl },
    payload: { ...firstPracticeOwner, organizationName: 'Front Desk Clinic', timezone: 'Europe/Paris' },
  });
  if (signUp.statusCode !== 201)
    throw new Error(`first practice sign-up: ${signUp.statusCode} ${signUp.body}`);
  // Lago's webhooks (a payment made on the checkout page) reach the app, signed with the HMAC key.
  await registerDemoWebhook(lago, publicUrl);
  project.provide('baseUrl', config.PUBLIC_URL);
  project.provide('googleUrl', google.url);
  project.provide('microsoftUrl', microsoft.url);
  project.provide('lagoUrl', lago.url);
  project.provide('sharedCalendarId', sharedCalendarId);
  project.provide('firstPracticeOwner', firstPracticeOwner);

  return async () => {
    await app.close();
    await google.close();
    await microsoft.close();
    await lago.close();
    await database.close();
    rmSync(workDir, { recursive: true, force: true });
  };
}
