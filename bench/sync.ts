/**
 * Benchmark: full import of a 10,000-event Google calendar (2,000 booked by the assistant),
 * judged against merely paging through the same events with the official client from the same
 * emulator in the same run (the floor). Then an incremental sync after 10 upstream changes.
 *
 * Each database kind is measured as a series of rounds: one warm-up round, then `--runs` timed
 * ones (best of N, with the spread printed). A round pages the calendar with the official client
 * (the floor), then imports it into a fresh practice (its own tenant, practitioner and
 * connection to the same Google calendar, so every import is a full one into the same,
 * growing, multi-tenant database), then changes 10 of its bookings upstream and syncs again.
 * The floor and the import alternate, so a passing load on the machine (2 cores, shared) hits
 * both alike; the ratio is judged on the best of each.
 *
 * Databases: `pglite` is PGlite as the product runs it by default, in a data directory on disk
 * (DATA_DIR); `memory` is PGlite in memory (memory://), printed to tell the file system's share;
 * `postgres` is an embedded PostgreSQL with its default settings (fsync on).
 *
 * Run: npm run bench:sync [-- --runs=3 --db=pglite,memory,postgres]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { answerGoogleConsent } from '../emulators/google/consent-driver.ts';
import { startGoogleEmulator } from '../emulators/google/server.ts';
import { type CalendarContext, createCalendarContext } from '../src/calendar/calendar-context.ts';
import { storeCalendarConnection } from '../src/calendar/connections/store-calendar-connection.ts';
import { googleCalendarApi } from '../src/calendar/google/google-events.ts';
import { exchangeGoogleCode, getGoogleAuthUrl } from '../src/calendar/google/google-oauth.ts';
import { googleSettingsFrom } from '../src/calendar/google/google-settings.ts';
import { syncConnection } from '../src/calendar/sync/sync-connection.ts';
import type { TokenSet } from '../src/calendar/token-set.ts';
import { loadConfig } from '../src/config/index.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import {
  appointmentEvents,
  appointments,
  calendarBusyBlocks,
  calendarEventLinks,
  members,
  organizations,
  users,
} from '../src/db/schema/index.ts';
import { benchOptions, benchPostgres } from './support/bench-options.ts';

const calendarEmail = 'bench@clinic.example';
const totalEvents = 10_000;
const assistantEvents = 2_000;

const args = benchOptions();
const runs = Number(args.runs ?? 3);
const kinds = (args.db ?? 'pglite,memory,postgres').split(',') as ('pglite' | 'memory' | 'postgres')[];

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

const ms = (value: number) => `${value.toFixed(0)} ms`;
/** Best, then the spread of the timed runs. */
const summary = (values: number[]) =>
  `best ${ms(Math.min(...values))} (spread ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}, ` +
  `median ${[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!.toFixed(0)})`;

/** A new practice with one practitioner connected to the benchmark's Google calendar. */
async function newPractice(database: DatabaseHandle, ctx: CalendarContext, tokens: TokenSet) {
  const tenantId = randomUUID();
  const userId = randomUUID();
  await database.db.insert(organizations).values({ id: tenantId, name: 'Bench', slug: `bench-${tenantId}` });
  await database.db.insert(users).values({ id: userId, name: 'Dr Bench', email: `${userId}@example.com` });
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
  return { tenantId, connection };
}

/** What the import must have written: every booking audited and linked once, every busy event kept. */
async function checkImport(database: DatabaseHandle, tenantId: string, connectionId: string) {
  const db = database.db;
  const [imported, audited, linked, busy] = await Promise.all([
    db.$count(appointments, eq(appointments.tenantId, tenantId)),
    db.$count(
      appointmentEvents,
      and(eq(appointmentEvents.tenantId, tenantId), eq(appointmentEvents.action, 'created')),
    ),
    db.$count(calendarEventLinks, eq(calendarEventLinks.connectionId, connectionId)),
    db.$count(calendarBusyBlocks, eq(calendarBusyBlocks.connectionId, connectionId)),
  ]);
  if (imported !== assistantEvents || audited !== assistantEvents || linked !== assistantEvents)
    throw new Error(`imported ${imported} appointments, ${audited} audit events, ${linked} links`);
  if (busy !== totalEvents - assistantEvents) throw new Error(`${busy} busy blocks`);
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

  const probe = googleSettingsFrom(config);
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
    if (count !== totalEvents) throw new Error(`paged ${count} events`);
  };

  console.log(
    `${totalEvents} events (${assistantEvents} assistant bookings), ${runs} timed rounds after one warm-up, ` +
      `emulator in this process`,
  );
  const postgres = kinds.includes('postgres') ? await benchPostgres({ durable: true }) : null;
  let changeRound = 0;
  try {
    for (const kind of kinds) {
      const dataDir = kind === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'bench-pglite-')) : 'memory://';
      const database: DatabaseHandle =
        kind === 'postgres'
          ? await openDatabase({ databaseUrl: postgres!.url, dataDir: '' })
          : await openDatabase({ dataDir });
      try {
        await migrate(database);
        const ctx = createCalendarContext(database.db, config);
        const floor: number[] = [];
        const imports: number[] = [];
        const incrementals: number[] = [];
        let requests = 0;
        let incrementalRequests = 0;
        for (let round = 0; round <= runs; round++) {
          const { tenantId, connection } = await newPractice(database, ctx, tokens);
          const floorStarted = performance.now();
          await pageAll();
          const floorMs = performance.now() - floorStarted;

          const started = performance.now();
          const full = await syncConnection(ctx, connection, 'manual');
          const importMs = performance.now() - started;
          if (full.error) throw new Error(full.error.message);
          await checkImport(database, tenantId, connection.id);

          changeRound += 1;
          for (const id of bookedIds.slice(0, 10)) {
            await control(
              google.url,
              `calendars/${calendarEmail}/events/${id}`,
              { description: `changed ${changeRound}` },
              'PATCH',
            );
          }
          const incrementalStarted = performance.now();
          const incremental = await syncConnection(ctx, connection, 'manual');
          const incrementalMs = performance.now() - incrementalStarted;
          if (incremental.error) throw new Error(incremental.error.message);
          if (incremental.counts.updated !== 10)
            throw new Error(`incremental sync updated ${incremental.counts.updated}`);
          console.log(
            `  [${kind}] ${round === 0 ? 'warm-up' : `round ${round}`}: paging ${ms(floorMs)}, ` +
              `import ${ms(importMs)} (ratio ${(importMs / floorMs).toFixed(2)}), incremental ${ms(incrementalMs)}`,
          );
          if (round === 0) continue;
          floor.push(floorMs);
          imports.push(importMs);
          incrementals.push(incrementalMs);
          requests = full.counts.requests;
          incrementalRequests = incremental.counts.requests;
        }
        const ratio = Math.min(...imports) / Math.min(...floor);
        console.log(
          `[${kind}] paging ${totalEvents} events with @googleapis/calendar: ${summary(floor)}\n` +
            `[${kind}] full import (${assistantEvents} appointments + ${totalEvents - assistantEvents} busy blocks, ` +
            `${requests} Google requests): ${summary(imports)}\n` +
            `[${kind}] ratio of best import to best paging = ${ratio.toFixed(2)} (target <= 1.5)\n` +
            `[${kind}] incremental sync after 10 upstream changes: ${incrementalRequests} Google request(s) ` +
            `(target 1), ${summary(incrementals)}`,
        );
      } finally {
        await database.close();
        if (kind === 'pglite') rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await postgres?.stop();
    await google.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
