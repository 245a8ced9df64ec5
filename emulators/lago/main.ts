import { startLagoEmulator } from './server.ts';

// `PORT=4030 tsx emulators/lago/main.ts`: a Lago for local development on PORT (default 4030).
// LAGO_WEBHOOK_SECRET, when set, becomes the HMAC key webhooks are signed with;
// LAGO_CHECKOUT_SUCCESS_URL, where the emulated checkout sends a payer after paying.
const port = Number(process.env.PORT ?? 4030);
const running = await startLagoEmulator({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  apiKey: process.env.LAGO_API_KEY,
  hmacKey: process.env.LAGO_WEBHOOK_SECRET,
  publicUrl: process.env.LAGO_PUBLIC_URL,
  checkoutSuccessUrl: process.env.LAGO_CHECKOUT_SUCCESS_URL,
});
console.log(`Lago emulator listening on ${running.url} (API base ${running.url}/api/v1)`);

const shutdown = () => void running.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
