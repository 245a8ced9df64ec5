import { startGoogleEmulator } from './server.ts';

/** `PORT=4010 tsx emulators/google/main.ts`: runs the emulator for local development. */
const port = Number(process.env.PORT ?? 4010);
const host = process.env.HOST ?? '127.0.0.1';
const { url } = await startGoogleEmulator({ port, host, logger: process.env.LOG === '1' });
console.log(`Google Calendar + OAuth emulator listening on ${url}`);
console.log(`  GOOGLE_API_BASE_URL=${url}`);
console.log(`  GOOGLE_AUTH_URL=${url}/o/oauth2/v2/auth`);
console.log(`  GOOGLE_TOKEN_URL=${url}/token`);
