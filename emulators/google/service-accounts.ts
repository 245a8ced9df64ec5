import { generateKeyPairSync, randomInt } from 'node:crypto';
import { type GoogleEmulatorState, randomId } from './state.ts';

/** Service accounts with a real RSA key, so the official JWT client signs assertions we verify. */

const PROJECT_ID = 'rendezvous-dev';

export interface ServiceAccountRequest {
  name?: string;
  /** Calendars shared with the service account (their owners' accounts must exist). */
  calendars?: string[];
  domainWideDelegation?: boolean;
}

export function createServiceAccount(
  state: GoogleEmulatorState,
  request: ServiceAccountRequest,
  baseUrl: string,
) {
  const name = request.name ?? `sa-${randomId(4)}`;
  const clientEmail = `${name}@${PROJECT_ID}.iam.gserviceaccount.com`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientId = String(randomInt(1e9, 9e9)) + String(randomInt(1e9, 9e9)) + String(randomInt(100, 999));
  const privateKeyId = randomId(20);
  state.serviceAccounts.set(clientEmail, {
    clientEmail,
    clientId,
    privateKeyId,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    domainWideDelegation: request.domainWideDelegation ?? false,
  });
  // A service account has its own (empty) primary calendar, as on Google.
  state.ensureCalendar(clientEmail, { owner: clientEmail });
  const shared: string[] = [];
  for (const calendarId of request.calendars ?? []) {
    const calendar = state.calendars.get(calendarId);
    if (!calendar) continue;
    calendar.sharedWith.add(clientEmail);
    shared.push(calendarId);
  }
  // The key file exactly as the Cloud console downloads it; token_uri points at the emulator.
  const keyFile = {
    type: 'service_account',
    project_id: PROJECT_ID,
    private_key_id: privateKeyId,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    client_id: clientId,
    auth_uri: `${baseUrl}/o/oauth2/auth`,
    token_uri: `${baseUrl}/token`,
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
  return { keyFile, calendars: shared };
}
