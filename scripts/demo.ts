import 'dotenv/config';
import { createBillingContext } from '../src/billing/billing-context.ts';
import { createCalendarContext } from '../src/calendar/calendar-context.ts';
import { loadConfig } from '../src/config/index.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { startRendezvous } from '../src/server/start.ts';
import { connectDemoCalendar, demoGoogleEnv, startDemoGoogle } from './demo/google-demo-calendar.ts';
import {
  demoLagoEnv,
  demoLagoHint,
  payDemoConsultation,
  registerDemoWebhook,
  startDemoLago,
} from './demo/lago-demo.ts';
import { type DemoAssistant, seedDemoTenant, userIdByEmail } from './demo/seed-demo-tenant.ts';

/**
 * `npm run demo`: Rendezvous on its embedded defaults (PGlite in ./data, a generated key) with
 * a seeded demo practice, ready to sign in to.
 */
async function demo() {
  // The database first: a demo already running on the same DATA_DIR is then named as such.
  const storage = loadConfig(process.env);
  const database = await openDatabase({ databaseUrl: storage.DATABASE_URL, dataDir: storage.DATA_DIR });
  // Without real Google credentials, the demo brings its own Google: the emulator, seeded.
  const useEmulator = !process.env.GOOGLE_CLIENT_ID;
  const google = useEmulator ? await startDemoGoogle(Number(process.env.GOOGLE_EMULATOR_PORT ?? 4010)) : null;
  // Without a Lago API key, the Pay button bills the Lago emulator.
  const lago = process.env.LAGO_API_KEY
    ? null
    : await startDemoLago(Number(process.env.LAGO_EMULATOR_PORT ?? 4030), storage.PUBLIC_URL);
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    ...(google ? demoGoogleEnv(google.url) : {}),
    ...(lago ? demoLagoEnv(lago.url) : {}),
    ...process.env,
  });
  await migrate(database);
  const tenant = await seedDemoTenant(database.db, config.DATA_DIR);
  const owner = tenant.people.find((p) => p.role === 'owner')!;
  if (google) {
    const ownerId = await userIdByEmail(database.db, owner.email);
    await connectDemoCalendar(
      createCalendarContext(database.db, config),
      google.url,
      {
        tenantId: tenant.tenantId,
        userId: ownerId,
        email: owner.email,
      },
      tenant.assistant?.id,
    );
  }
  const running = await startRendezvous(config, { database });
  if (lago) {
    await registerDemoWebhook(lago, config.PUBLIC_URL);
    if (tenant.toBePaid) {
      const { appointmentId, clientId } = tenant.toBePaid;
      const client = { tenantId: tenant.tenantId, userId: clientId, role: 'client' } as const;
      // A demo that could not play the payment still runs: the consultation is then left to pay.
      await payDemoConsultation(lago, createBillingContext(database.db, config), client, appointmentId).catch(
        (error: unknown) => console.warn(`  The demo's consultation was not paid: ${String(error)}`),
      );
    }
  }

  const lines = [
    '',
    `  Rendezvous demo is running at ${config.PUBLIC_URL}`,
    `  Database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.DATA_DIR}` : 'PostgreSQL'}${tenant.created ? ' (demo practice just created)' : ''}`,
    `  API docs: ${config.PUBLIC_URL}/api/docs`,
    google
      ? `  Google Calendar: emulated at ${google.url}, the owner's calendar is connected (press "Sync Appointments")`
      : '  Google Calendar: the real one (GOOGLE_CLIENT_ID is set)',
    lago ? demoLagoHint(lago.url) : '  Lago: the real one (LAGO_API_KEY is set)',
    ...(tenant.assistant ? demoAssistantHint(tenant.assistant, config.PUBLIC_URL) : []),
    '',
    '  Sign in as:',
    ...tenant.people.map(
      (p) => `    ${p.role === 'owner' ? 'owner/admin' : 'client     '}  ${p.email}  password: ${p.password}`,
    ),
    '',
    '  Stop with Ctrl+C.',
    '',
  ];
  console.log(lines.join('\n'));

  const stop = async () => {
    await running.stop();
    await google?.close();
    await lago?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** How to play the voice assistant: its key, and a first call (the other two are in the API docs). */
function demoAssistantHint(assistant: DemoAssistant, publicUrl: string): string[] {
  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return [
    `  Voice assistant "${assistant.name}": API key ${assistant.apiKey}`,
    `    free times this week: curl -H 'Authorization: Bearer ${assistant.apiKey}' '${publicUrl}/api/assistant/availability?startDate=${day(0)}&endDate=${day(6)}'`,
    '    to book one, see "voice assistant" in the API docs (POST /api/assistant/appointments)',
  ];
}

demo().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
