import { microsoftStateOf, startMicrosoftEmulator } from './server.ts';

/** `PORT=4020 tsx emulators/microsoft/main.ts` — starts the emulator for local development. */
const port = Number(process.env.PORT ?? 4020);
const host = process.env.HOST ?? '127.0.0.1';
const running = await startMicrosoftEmulator({ port, host });
// One account so the consent page works out of the box; tests seed their own after a reset.
microsoftStateOf(running.app).users.add({
  mail: process.env.MICROSOFT_EMULATOR_USER ?? 'ada@rendezvous.test',
  displayName: 'Ada Lovelace',
  timeZone: 'Europe/Paris',
});
console.log(`Microsoft identity + Graph emulator listening on ${running.url}`);
console.log(`  MICROSOFT_AUTHORITY_URL=${running.url}`);
console.log(`  MICROSOFT_GRAPH_BASE_URL=${running.url}/v1.0`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void running.close().then(() => process.exit(0));
  });
}
