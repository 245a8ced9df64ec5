import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { getValidAccessToken } from '../../src/calendar/connections/get-valid-access-token.ts';
import { AuthRevokedError } from '../../src/calendar/errors.ts';
import { microsoftProvider } from '../../src/calendar/microsoft/microsoft-provider.ts';
import { createOAuthState } from '../../src/calendar/oauth-state.ts';
import { calendarConnections } from '../../src/db/schema/index.ts';
import { SecretBox } from '../../src/security/secret-box.ts';
import { addMember, type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { addMailbox, consentThroughMicrosoft, control, startMicrosoft } from '../support/microsoft.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let microsoft: RunningEmulator;
let t: TestApp;
let owner: SignedUpOwner;
const calendarEmail = 'claire@clinic.example';

beforeAll(async () => {
  const started = await startMicrosoft();
  microsoft = started.emulator;
  t = await createTestApp({ env: started.env });
  owner = await signUpOwner(t.app);
  await addMailbox(microsoft, calendarEmail);
});
afterAll(async () => {
  await t.close();
  await microsoft.close();
});

const connectionOf = async (userId: string) => {
  const [row] = await t.database.db
    .select()
    .from(calendarConnections)
    .where(eq(calendarConnections.userId, userId));
  return row!;
};
const tokenBox = () => new SecretBox(t.config.encryptionKey, [], 'calendar-tokens');
const tokenContextOf = (row: { tenantId: string; userId: string }) =>
  `calendar-token:${row.tenantId}:${row.userId}:microsoft`;

describe('connecting Microsoft Outlook by OAuth', () => {
  it('asks for offline calendar access and the account address, with a sealed state', async () => {
    const response = await owner.client.get('/api/calendar/connect?provider=microsoft');
    const url = new URL(response.json().data.url);
    expect(url.origin + url.pathname).toBe(`${microsoft.url}/common/oauth2/v2.0/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'rendezvous-dev-ms',
      response_type: 'code',
      response_mode: 'query',
      redirect_uri: 'http://localhost:3000/api/calendar/callback/microsoft',
      scope: 'offline_access openid email https://graph.microsoft.com/Calendars.ReadWrite',
    });
    expect(url.searchParams.get('state')).toMatch(/^v1\./);
  });

  it('connects, names the account from the id_token, and stores the tokens encrypted', async () => {
    const location = await consentThroughMicrosoft(owner.client, { email: calendarEmail });
    expect(location).toBe('/dashboard/calendar/settings?connected=microsoft');

    const list = (await owner.client.get('/api/calendar')).json().data;
    expect(list).toMatchObject([
      {
        provider: 'microsoft',
        email: calendarEmail,
        calendarId: 'primary',
        status: 'active',
        isActive: true,
      },
    ]);
    expect(JSON.stringify(list)).not.toMatch(/token/i);

    const row = await connectionOf(owner.userId);
    const accessToken = tokenBox().open(row.accessTokenEnc!, tokenContextOf(row));
    const refreshToken = tokenBox().open(row.refreshTokenEnc!, tokenContextOf(row));
    expect(accessToken.length).toBeGreaterThan(20);
    expect(refreshToken.length).toBeGreaterThan(20);
    const raw = JSON.stringify(
      (await t.database.query('select * from calendar_connections where id = $1', [row.id])).rows,
    );
    expect(raw).not.toContain(accessToken);
    expect(raw).not.toContain(refreshToken);
    expect(row.encryptionKeyId).toBe(tokenBox().currentKeyId);
  });

  it('stores the rotated refresh token on every refresh, so a second refresh still works', async () => {
    const ctx = createCalendarContext(t.database.db, t.config);
    const row = await connectionOf(owner.userId);
    const firstRefreshToken = tokenBox().open(row.refreshTokenEnc!, tokenContextOf(row));

    const afterFirst = await getValidAccessToken(ctx, row, { force: true });
    const rowAfterFirst = await connectionOf(owner.userId);
    const secondRefreshToken = tokenBox().open(rowAfterFirst.refreshTokenEnc!, tokenContextOf(row));
    expect(secondRefreshToken).not.toBe(firstRefreshToken);

    // The emulator's refresh tokens are single-use: this only works with the stored new one.
    const afterSecond = await getValidAccessToken(ctx, rowAfterFirst, { force: true });
    expect(afterSecond).not.toBe(afterFirst);
    const rowAfterSecond = await connectionOf(owner.userId);
    expect(tokenBox().open(rowAfterSecond.refreshTokenEnc!, tokenContextOf(row))).not.toBe(
      secondRefreshToken,
    );
    expect(rowAfterSecond.status).toBe('active');

    // And the access token it returns is accepted by Graph.
    const changes = await microsoftProvider(ctx.microsoft.graphBaseUrl, afterSecond).listChanges(
      null,
      async () => {},
    );
    expect(changes.nextCursor).toMatch(/deltatoken/);
  });

  it('keeps working from a copy of the connection read before another caller rotated the refresh token', async () => {
    const ctx = createCalendarContext(t.database.db, t.config);
    const first = await connectionOf(owner.userId);
    const second = await connectionOf(owner.userId);
    const fromFirst = await getValidAccessToken(ctx, first, { force: true });
    // `second` still holds the refresh token the emulator has just retired.
    const fromSecond = await getValidAccessToken(ctx, second, { force: true });
    expect(fromSecond).toBe(fromFirst);
    // And a copy that refreshed goes on using what it stored, for every later call.
    const refreshedAgain = await getValidAccessToken(ctx, second, { force: true });
    expect(await getValidAccessToken(ctx, second)).toBe(refreshedAgain);
    expect((await connectionOf(owner.userId)).status).toBe('active');
    const changes = await microsoftProvider(ctx.microsoft.graphBaseUrl, refreshedAgain).listChanges(
      null,
      async () => {},
    );
    expect(changes.nextCursor).toMatch(/deltatoken/);
  });

  it('marks the connection expired when the refresh token is refused (invalid_grant)', async () => {
    const member = await addMember(t.app, owner.client, 'admin');
    const mail = 'revoked@clinic.example';
    const userId = await addMailbox(microsoft, mail);
    expect(await consentThroughMicrosoft(member.client, { email: mail })).toContain('connected=microsoft');
    await control(microsoft, 'POST', 'revoke', { userId });

    const ctx = createCalendarContext(t.database.db, t.config);
    await expect(
      getValidAccessToken(ctx, await connectionOf(member.userId), { force: true }),
    ).rejects.toBeInstanceOf(AuthRevokedError);
    const list = (await member.client.get('/api/calendar')).json().data;
    expect(list.find((c: { userId: string }) => c.userId === member.userId)).toMatchObject({
      status: 'expired',
      needsReconnect: true,
      isActive: false,
    });
  });

  it('says access_denied when the user cancels on the consent screen', async () => {
    const other = await addMember(t.app, owner.client, 'admin');
    const location = await consentThroughMicrosoft(other.client, {
      email: calendarEmail,
      decision: 'cancel',
    });
    expect(location).toBe('/dashboard/calendar/settings?error=access_denied');
    expect(
      (await other.client.get('/api/calendar'))
        .json()
        .data.filter((c: { userId: string }) => c.userId === other.userId),
    ).toEqual([]);
  });

  it('refuses a forged state', async () => {
    const other = await addMember(t.app, owner.client, 'admin');
    const location = await consentThroughMicrosoft(other.client, {
      email: calendarEmail,
      tamperState: (state) => `${state.slice(0, -4)}AAAA`,
    });
    expect(location).toBe('/dashboard/calendar/settings?error=invalid_state');
  });

  it('refuses a state older than ten minutes, and a Google state on the Microsoft callback', async () => {
    const box = new SecretBox(t.config.encryptionKey, [], 'oauth-state');
    const stale = createOAuthState(
      box,
      { userId: owner.userId, tenantId: owner.tenantId, provider: 'microsoft' },
      Date.now() - 11 * 60_000,
    );
    const expired = await owner.client.get(
      `/api/calendar/callback/microsoft?code=whatever&state=${encodeURIComponent(stale)}`,
    );
    expect(expired.headers.location).toBe('/dashboard/calendar/settings?error=state_expired');

    const googleState = createOAuthState(box, {
      userId: owner.userId,
      tenantId: owner.tenantId,
      provider: 'google',
    });
    const crossed = await owner.client.get(
      `/api/calendar/callback/microsoft?code=whatever&state=${encodeURIComponent(googleState)}`,
    );
    expect(crossed.headers.location).toBe('/dashboard/calendar/settings?error=invalid_state');
  });

  it('says exchange_failed when Microsoft refuses the code', async () => {
    const box = new SecretBox(t.config.encryptionKey, [], 'oauth-state');
    const state = createOAuthState(box, {
      userId: owner.userId,
      tenantId: owner.tenantId,
      provider: 'microsoft',
    });
    const response = await owner.client.get(
      `/api/calendar/callback/microsoft?code=not-a-code&state=${encodeURIComponent(state)}`,
    );
    expect(response.headers.location).toBe('/dashboard/calendar/settings?error=exchange_failed');
  });
});
