import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerGoogleConsent } from '../../../emulators/google/consent-driver.ts';
import type { RunningEmulator } from '../../../emulators/shared/listen.ts';
import {
  CALENDAR_SCOPE,
  controlApi,
  oauthClient,
  REDIRECT_URI,
  signIn,
  startEmulator,
  timedEvent,
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
});

describe('control API', () => {
  it('reports accounts, calendars with event counts and request counters', async () => {
    await control.post('/accounts', {
      accounts: [{ email: 'ann@example.com' }, { email: 'bob@example.com' }],
    });
    const { body: seeded } = await control.post('/seed', {
      calendarId: 'ann@example.com',
      generate: { count: 3 },
    });
    await control.delete(`/calendars/ann@example.com/events/${seeded.ids[0]}`);
    const { tokens } = await signIn(emulator.url, 'ann@example.com');
    await fetch(`${emulator.url}/calendar/v3/calendars/primary/events`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });

    const { body: state } = await control.get('/state');
    expect(state.accounts.map((a: { email: string }) => a.email)).toEqual([
      'ann@example.com',
      'bob@example.com',
    ]);
    expect(state.calendars[0]).toMatchObject({ id: 'ann@example.com', eventCount: 2, cancelledCount: 1 });
    expect(state.tokens).toMatchObject({ liveAccessTokens: 1, refreshTokens: 1 });
    expect(state.requests).toMatchObject({
      'POST /token': 1,
      'GET /calendar/v3/calendars/:calendarId/events': 1,
    });
  });

  it('shows every stored event raw, cancelled ones included', async () => {
    const { body: event } = await control.post(
      '/calendars/ann@example.com/events',
      timedEvent('2030-01-01T10:00:00Z', 30),
    );
    await control.delete(`/calendars/ann@example.com/events/${event.id}`);
    const { body } = await control.get('/calendars/ann@example.com/events');
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id: event.id, status: 'cancelled', summary: 'Appointment' });
  });

  it('refuses a malformed seed with 400 and leaves the calendar unchanged', async () => {
    const answer = await control.post('/seed', { calendarId: 'ann@example.com', generate: { count: -1 } });
    expect(answer.status).toBe(400);
  });
});

describe('token endpoint details', () => {
  it('accepts a JSON body as Google does', async () => {
    const authUrl = oauthClient(emulator.url).generateAuthUrl({ scope: CALENDAR_SCOPE });
    const redirect = await answerGoogleConsent(emulator.url, authUrl, { email: 'ann@example.com' });
    const answer = await fetch(`${emulator.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code: redirect.searchParams.get('code'),
        client_id: 'rendezvous-dev.apps.googleusercontent.com',
        client_secret: 'dev-secret',
        redirect_uri: REDIRECT_URI,
      }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ token_type: 'Bearer' });
  });

  it('checks the PKCE code verifier', async () => {
    const client = oauthClient(emulator.url);
    const verifier = 'a-verifier-that-is-long-enough-to-be-valid-0123456789';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authUrl = client.generateAuthUrl({
      scope: CALENDAR_SCOPE,
      code_challenge: challenge,
      code_challenge_method: 'S256' as never,
    });
    const code = (
      await answerGoogleConsent(emulator.url, authUrl, { email: 'ann@example.com' })
    ).searchParams.get('code')!;
    const wrong = await client.getToken({ code, codeVerifier: 'another-verifier' }).catch((e) => e);
    expect(wrong.response.data).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid code verifier.',
    });
    const authUrl2 = client.generateAuthUrl({
      scope: CALENDAR_SCOPE,
      code_challenge: challenge,
      code_challenge_method: 'S256' as never,
    });
    const code2 = (
      await answerGoogleConsent(emulator.url, authUrl2, { email: 'ann@example.com' })
    ).searchParams.get('code')!;
    expect((await client.getToken({ code: code2, codeVerifier: verifier })).tokens.access_token).toBeTruthy();
  });
});
