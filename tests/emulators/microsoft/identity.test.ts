import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  authorize,
  CALENDAR_SCOPE,
  graphClient,
  REDIRECT_URI,
  seedUser,
  signIn,
  startTestEmulator,
  type TestEmulator,
  token,
} from './support.ts';

let emulator: TestEmulator;
let user: { id: string; mail: string };

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control('POST', '/__emulator/reset');
  user = await seedUser(emulator);
});

describe('identity platform v2: authorization code flow', () => {
  it('shows a consent page and redirects back with code and state on Accept', async () => {
    const redirect = await authorize(emulator);
    expect(redirect.origin + redirect.pathname).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe('opaque-state-123');
    expect(redirect.searchParams.get('code')).toMatch(/\S{20,}/);
  });

  it('redirects with access_denied / AADSTS65004 when the user presses Cancel', async () => {
    const redirect = await authorize(emulator, { decision: 'cancel' });
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('error_description')).toMatch(/^AADSTS65004: /);
    expect(redirect.searchParams.get('state')).toBe('opaque-state-123');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('keeps an unknown client on the error page instead of redirecting', async () => {
    const response = await fetch(
      `${emulator.url}/common/oauth2/v2.0/authorize?client_id=nobody&response_type=code&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&scope=Calendars.Read`,
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('AADSTS700016');
  });

  it('issues access and refresh tokens when offline_access was granted', async () => {
    const redirect = await authorize(emulator);
    const { status, body } = await token(emulator, {
      grant_type: 'authorization_code',
      code: redirect.searchParams.get('code')!,
      redirect_uri: REDIRECT_URI,
      scope: CALENDAR_SCOPE,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(body.scope).toContain('https://graph.microsoft.com/Calendars.ReadWrite');
    expect(typeof body.access_token).toBe('string');
    expect(typeof body.refresh_token).toBe('string');
    expect(body.id_token).toBeUndefined();
  });

  it('issues no refresh token without offline_access, and an id_token only with openid', async () => {
    const tokens = await signIn(emulator, 'openid https://graph.microsoft.com/Calendars.Read');
    expect(tokens.refresh_token).toBeUndefined();
    expect((tokens as Record<string, unknown>).id_token).toEqual(expect.any(String));
  });

  it('refuses to redeem the same code twice (invalid_grant, AADSTS54005)', async () => {
    const code = (await authorize(emulator)).searchParams.get('code')!;
    const form = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      scope: CALENDAR_SCOPE,
    };
    expect((await token(emulator, form)).status).toBe(200);
    const second = await token(emulator, form);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('invalid_grant');
    expect(second.body.error_codes).toEqual([54005]);
    expect(second.body.error_description).toMatch(/^AADSTS54005: .*\r\nTrace ID: /);
  });

  it('checks the PKCE code_verifier against the S256 code_challenge', async () => {
    const verifier = 'a'.repeat(50);
    const challenge = Buffer.from(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
    ).toString('base64url');
    const code = async () =>
      (
        await authorize(emulator, { extra: { code_challenge: challenge, code_challenge_method: 'S256' } })
      ).searchParams.get('code')!;
    const form = { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI, scope: CALENDAR_SCOPE };
    const wrong = await token(emulator, { ...form, code: await code(), code_verifier: 'b'.repeat(50) });
    expect(wrong.body.error_codes).toEqual([501481]);
    const right = await token(emulator, { ...form, code: await code(), code_verifier: verifier });
    expect(right.status).toBe(200);
  });

  it('answers 401 invalid_client for a wrong client secret', async () => {
    const { status, body } = await token(emulator, {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_secret: 'nope',
    });
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(body.error_codes).toEqual([7000215]);
  });
});

describe('identity platform v2: refresh tokens', () => {
  it('returns a new refresh token on every refresh and refuses the used one', async () => {
    const first = await signIn(emulator);
    const refreshed = await token(emulator, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token!,
      scope: CALENDAR_SCOPE,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toEqual(expect.any(String));
    expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.body.access_token).not.toBe(first.access_token);

    const reused = await token(emulator, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token!,
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');

    const again = await token(emulator, {
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
    });
    expect(again.status).toBe(200);
  });

  it('answers invalid_grant AADSTS50173 after the user revoked the grant', async () => {
    const tokens = await signIn(emulator);
    await emulator.control('POST', '/__emulator/revoke', { userId: user.id });
    const { status, body } = await token(emulator, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });
  });

  it('expires a refresh token unused for 90 days (AADSTS700082, as in the real azure-cli report)', async () => {
    const tokens = await signIn(emulator);
    await emulator.control('POST', '/__emulator/clock', { advanceMs: 91 * 24 * 3600_000 });
    const { body } = await token(emulator, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
    });
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [700082] });
    expect(body.error_uri).toBe('https://login.microsoftonline.com/error?code=700082');
  });
});

describe('Graph authentication', () => {
  it('accepts the access token until it expires on the emulator clock, then answers 401 InvalidAuthenticationToken', async () => {
    const tokens = await signIn(emulator);
    const client = graphClient(emulator, tokens.access_token);
    await expect(client.api('/me/events').get()).resolves.toMatchObject({ value: [] });
    await emulator.control('POST', '/__emulator/clock', { advanceMs: 3600_000 });
    await expect(client.api('/me/events').get()).rejects.toMatchObject({
      statusCode: 401,
      code: 'InvalidAuthenticationToken',
    });
  });

  it('answers 403 ErrorAccessDenied when the token lacks Calendars.ReadWrite for a write', async () => {
    const tokens = await signIn(emulator, 'Calendars.Read');
    const client = graphClient(emulator, tokens.access_token);
    await expect(
      client.api('/me/events').post({
        subject: 'x',
        start: { dateTime: '2026-01-20T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-01-20T11:00:00', timeZone: 'UTC' },
      }),
    ).rejects.toMatchObject({ statusCode: 403, code: 'ErrorAccessDenied' });
  });
});
