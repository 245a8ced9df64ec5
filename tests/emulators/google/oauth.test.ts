import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulators/shared/listen.ts';
import {
  answerConsent,
  apiFetch,
  CALENDAR_SCOPE,
  calendarApi,
  controlApi,
  fixture,
  oauthClient,
  REDIRECT_URI,
  serviceAccountClient,
  signIn,
  startEmulator,
} from './support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof controlApi>;

beforeAll(async () => {
  emulator = await startEmulator();
  control = controlApi(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.post('/reset');
  await control.post('/accounts', { email: 'ann@example.com' });
});

async function postToken(params: Record<string, string>) {
  const response = await fetch(`${emulator.url}/token`, {
    method: 'POST',
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('authorization-code flow through the consent page', () => {
  it('redirects back with code and state, and the official client exchanges the code', async () => {
    const client = oauthClient(emulator.url);
    const authUrl = client.generateAuthUrl({ access_type: 'offline', scope: CALENDAR_SCOPE, state: 'xyz' });
    const redirect = await answerConsent(authUrl, 'allow', 'ann@example.com');
    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe('xyz');

    const { tokens } = await client.getToken(redirect.searchParams.get('code')!);
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: CALENDAR_SCOPE });
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toBeTruthy();
  });

  it('redirects with error=access_denied when the user denies', async () => {
    const authUrl = oauthClient(emulator.url).generateAuthUrl({ scope: CALENDAR_SCOPE, state: 'st' });
    const redirect = await answerConsent(authUrl, 'deny');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('st');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('shows an error page, not a redirect, for an unknown client or an unregistered redirect URI', async () => {
    const unknown = await fetch(
      `${emulator.url}/o/oauth2/v2/auth?client_id=nope&redirect_uri=${REDIRECT_URI}&response_type=code&scope=${CALENDAR_SCOPE}`,
      { redirect: 'manual' },
    );
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain('invalid_client');

    await control.post('/oauth-clients', {
      clientId: 'strict.apps.googleusercontent.com',
      clientSecret: 's3cret',
      redirectUris: ['https://app.example.com/callback'],
    });
    const authUrl = oauthClient(emulator.url, 'strict.apps.googleusercontent.com', 's3cret').generateAuthUrl({
      scope: CALENDAR_SCOPE,
    });
    const mismatch = await fetch(authUrl, { redirect: 'manual' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('redirect_uri_mismatch');
  });

  it('issues a refresh token only on first offline consent, unless prompt=consent asks again', async () => {
    const client = oauthClient(emulator.url);
    const exchange = async (prompt?: string) => {
      const authUrl = client.generateAuthUrl({ access_type: 'offline', scope: CALENDAR_SCOPE, prompt });
      const redirect = await answerConsent(authUrl, 'allow', 'ann@example.com');
      return (await client.getToken(redirect.searchParams.get('code')!)).tokens;
    };
    expect((await exchange()).refresh_token).toBeTruthy();
    expect((await exchange()).refresh_token).toBeFalsy();
    expect((await exchange('consent')).refresh_token).toBeTruthy();
  });

  it('refuses a code redeemed twice with the recorded invalid_grant body', async () => {
    const authUrl = oauthClient(emulator.url).generateAuthUrl({ scope: CALENDAR_SCOPE });
    const code = (await answerConsent(authUrl, 'allow')).searchParams.get('code')!;
    const params = {
      grant_type: 'authorization_code',
      code,
      client_id: 'rendezvous-dev.apps.googleusercontent.com',
      client_secret: 'dev-secret',
      redirect_uri: REDIRECT_URI,
    };
    expect((await postToken(params)).status).toBe(200);
    const second = await postToken(params);
    expect(second.status).toBe(400);
    expect(second.body).toEqual(fixture('google-oauth-invalid_grant.northworld.json'));
  });

  it('rejects a wrong client secret with 401 invalid_client', async () => {
    const answer = await postToken({
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_id: 'rendezvous-dev.apps.googleusercontent.com',
      client_secret: 'wrong',
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('invalid_client');
  });
});

describe('access and refresh tokens', () => {
  it('expires access tokens on the emulator clock and the official client refreshes transparently', async () => {
    const { client, tokens } = await signIn(emulator.url, 'ann@example.com');
    await control.post('/clock', { advanceMs: 3600 * 1000 });
    const stale = await apiFetch(emulator.url, tokens.access_token!, '/calendar/v3/calendars/primary/events');
    expect(stale.status).toBe(401);
    expect(stale.body).toEqual(fixture('google-401-authError.northworld.verbatim.jsonc'));

    // The client's own expiry check runs on the real clock: mark its token stale as time has passed.
    client.setCredentials({ ...tokens, expiry_date: Date.now() - 1000 });
    const list = await calendarApi(emulator.url, client).events.list({ calendarId: 'primary' });
    expect(list.status).toBe(200);
    expect(client.credentials.access_token).not.toBe(tokens.access_token);
  });

  it('answers a refresh without a new refresh_token', async () => {
    const { tokens } = await signIn(emulator.url, 'ann@example.com');
    const refreshed = await postToken({
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: 'rendezvous-dev.apps.googleusercontent.com',
      client_secret: 'dev-secret',
    });
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    expect(refreshed.body.expires_in).toBe(3599);
  });

  it('answers a revoked refresh token with the real invalid_grant body', async () => {
    const { client, tokens } = await signIn(emulator.url, 'ann@example.com');
    expect((await control.post('/revoke', { email: 'ann@example.com' })).body).toEqual({ revoked: 1 });
    client.setCredentials({ refresh_token: tokens.refresh_token });
    const error = await client.getAccessToken().catch((e) => e);
    expect(error.response.status).toBe(400);
    expect(error.response.data).toEqual(fixture('google-oauth-invalid_grant-revoked.real-issue.json'));
  });

  it('revokes through Google’s own /revoke endpoint as well', async () => {
    const { client, tokens } = await signIn(emulator.url, 'ann@example.com');
    const answer = await client.revokeToken(tokens.refresh_token!);
    expect(answer.status).toBe(200);
    const api = await apiFetch(emulator.url, tokens.access_token!, '/calendar/v3/calendars/primary/events');
    expect(api.status).toBe(401);
  });
});

describe('service accounts (JWT bearer grant)', () => {
  it('signs in with the key file from /__emulator/service-accounts and reads a shared calendar', async () => {
    await control.post('/calendars/ann@example.com/events', {
      summary: 'Shared',
      start: { dateTime: '2030-01-01T09:00:00Z' },
      end: { dateTime: '2030-01-01T10:00:00Z' },
    });
    const created = await control.post('/service-accounts', {
      name: 'booking-bot',
      calendars: ['ann@example.com'],
    });
    expect(created.status).toBe(201);
    const { keyFile, calendars } = created.body;
    expect(calendars).toEqual(['ann@example.com']);
    expect(keyFile).toMatchObject({
      type: 'service_account',
      client_email: 'booking-bot@rendezvous-dev.iam.gserviceaccount.com',
      token_uri: `${emulator.url}/token`,
    });
    expect(keyFile.private_key).toContain('BEGIN PRIVATE KEY');

    const api = calendarApi(emulator.url, serviceAccountClient(keyFile));
    const list = await api.events.list({ calendarId: 'ann@example.com' });
    expect(list.data.items?.map((e) => e.summary)).toEqual(['Shared']);
    expect(list.data.accessRole).toBe('writer');
  });

  it('rejects an assertion signed with another key as invalid_grant', async () => {
    const { keyFile } = (await control.post('/service-accounts', { name: 'booking-bot' })).body;
    const { keyFile: other } = (await control.post('/service-accounts', { name: 'other-bot' })).body;
    const forged = serviceAccountClient({ ...keyFile, private_key: other.private_key });
    const error = await forged.authorize().catch((e) => e);
    expect(error.response.status).toBe(400);
    expect(error.response.data).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid JWT Signature.',
    });
  });

  it('keeps calendars that were not shared with the service account out of reach (404)', async () => {
    const { keyFile } = (await control.post('/service-accounts', { name: 'booking-bot' })).body;
    const api = calendarApi(emulator.url, serviceAccountClient(keyFile));
    const error = await api.events.list({ calendarId: 'ann@example.com' }, { retry: false }).catch((e) => e);
    expect(error.status).toBe(404);
  });
});
