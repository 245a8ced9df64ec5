import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../emulators/shared/listen.ts';
import { apiFetch, calendarApi, controlApi, fixture, signIn, startEmulator } from './support.ts';

let emulator: RunningEmulator;
let control: ReturnType<typeof controlApi>;
let accessToken: string;
const EVENTS = '/calendar/v3/calendars/primary/events';

beforeAll(async () => {
  emulator = await startEmulator();
  control = controlApi(emulator.url);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.post('/reset');
  accessToken = (await signIn(emulator.url, 'ann@example.com')).tokens.access_token!;
});

const injectOnce = (rule: Record<string, unknown>) =>
  control.post('/faults', { path: '/events$', times: 1, ...rule });

describe('fault injection', () => {
  it('answers 429 with Retry-After and Google’s body, once', async () => {
    await injectOnce({ status: 429, retryAfter: 7 });
    const limited = await apiFetch(emulator.url, accessToken, EVENTS);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body).toEqual(fixture('google-429-rateLimitExceeded.docs.json'));
    expect((await apiFetch(emulator.url, accessToken, EVENTS)).status).toBe(200);
  });

  it.each([
    ['rateLimitExceeded', 'google-403-rateLimitExceeded.northworld.json'],
    ['userRateLimitExceeded', 'google-403-userRateLimitExceeded.northworld.json'],
    ['quotaExceeded', 'google-403-quotaExceeded.docs.json'],
  ])('answers 403 %s exactly as recorded', async (reason, file) => {
    await injectOnce({ status: 403, reason });
    const answer = await apiFetch(emulator.url, accessToken, EVENTS);
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(fixture(file));
  });

  it('answers 500 with the backendError body', async () => {
    await injectOnce({ status: 500 });
    const answer = await apiFetch(emulator.url, accessToken, EVENTS);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      error: {
        errors: [{ domain: 'global', reason: 'backendError', message: 'Backend Error' }],
        code: 500,
        message: 'Backend Error',
      },
    });
  });

  it('answers an injected 401 with the authError body', async () => {
    await injectOnce({ status: 401 });
    const answer = await apiFetch(emulator.url, accessToken, EVENTS);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual(fixture('google-401-authError.northworld.verbatim.jsonc'));
  });

  it('lets the official client retry a transient 503 on a read', async () => {
    const { client } = await signIn(emulator.url, 'ann@example.com');
    await injectOnce({ status: 503, method: 'GET' });
    const list = await calendarApi(emulator.url, client).events.list({ calendarId: 'primary' });
    expect(list.status).toBe(200);
    expect((await control.get('/state')).body.requests['GET /calendar/v3/calendars/:calendarId/events']).toBe(
      2,
    );
  });

  it('adds latency to matching requests', async () => {
    await injectOnce({ latencyMs: 150 });
    const startedAt = performance.now();
    expect((await apiFetch(emulator.url, accessToken, EVENTS)).status).toBe(200);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
  });

  it('renders faults on the token endpoint in the OAuth error shape', async () => {
    await control.post('/faults', { path: '^/token$', status: 400, reason: 'invalid_grant', times: 1 });
    const answer = await fetch(`${emulator.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual(fixture('google-oauth-invalid_grant-revoked.real-issue.json'));
  });

  it('can make a sync token expire through a fault rule as well', async () => {
    await injectOnce({ status: 410, reason: 'fullSyncRequired' });
    const answer = await apiFetch(emulator.url, accessToken, `${EVENTS}?syncToken=abc`);
    expect(answer.status).toBe(410);
    expect(answer.body).toEqual(fixture('google-410-fullSyncRequired.json'));
  });
});
