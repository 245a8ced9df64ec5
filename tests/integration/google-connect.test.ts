import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { createOAuthState } from '../../src/calendar/oauth-state.ts';
import { calendarConnections } from '../../src/db/schema/index.ts';
import { SecretBox } from '../../src/security/secret-box.ts';
import { consentThroughGoogle, control, startGoogle } from '../support/google.ts';
import { addMember, type SignedUpOwner, signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let google: RunningEmulator;
let t: TestApp;
let owner: SignedUpOwner;
const calendarEmail = 'claire@clinic.example';

beforeAll(async () => {
  const started = await startGoogle();
  google = started.emulator;
  t = await createTestApp({ env: started.env });
  owner = await signUpOwner(t.app);
  await control(google, 'POST', 'accounts', { email: calendarEmail });
});
afterAll(async () => {
  await t.close();
  await google.close();
});

describe('connecting Google Calendar by OAuth', () => {
  it('asks for offline access to calendar events with a sealed state', async () => {
    const response = await owner.client.get('/api/calendar/connect?provider=google');
    const url = new URL(response.json().data.url);
    expect(url.origin + url.pathname).toBe(`${google.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/calendar.events',
      client_id: 'rendezvous-dev.apps.googleusercontent.com',
    });
    expect(url.searchParams.get('state')).toMatch(/^v1\./);
  });

  it('connects, lists the connection without tokens, and stores the tokens encrypted', async () => {
    const location = await consentThroughGoogle(owner.client, google, { email: calendarEmail });
    expect(location).toBe('/dashboard/calendar/settings?connected=google');

    const list = (await owner.client.get('/api/calendar')).json().data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      provider: 'google',
      email: calendarEmail,
      status: 'active',
      isActive: true,
      needsReconnect: false,
    });
    expect(JSON.stringify(list)).not.toMatch(/token/i);

    const [row] = await t.database.db
      .select()
      .from(calendarConnections)
      .where(eq(calendarConnections.tenantId, owner.tenantId));
    const box = new SecretBox(t.config.encryptionKey, [], 'calendar-tokens');
    const context = `calendar-token:${row!.tenantId}:${row!.userId}:google`;
    const accessToken = box.open(row!.accessTokenEnc!, context);
    const refreshToken = box.open(row!.refreshTokenEnc!, context);
    expect(accessToken.length).toBeGreaterThan(10);
    expect(refreshToken.length).toBeGreaterThan(10);
    const raw = await t.database.query('select * from calendar_connections where id = $1', [row!.id]);
    const rawText = JSON.stringify(raw.rows);
    expect(rawText).not.toContain(accessToken);
    expect(rawText).not.toContain(refreshToken);
    expect(row!.encryptionKeyId).toBe(box.currentKeyId);
  });

  it('says access_denied when the user cancels on the consent screen', async () => {
    const other = await addMember(t.app, owner.client, 'admin');
    const location = await consentThroughGoogle(other.client, google, {
      email: calendarEmail,
      decision: 'deny',
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
    const location = await consentThroughGoogle(other.client, google, {
      email: calendarEmail,
      tamperState: (state) => `${state.slice(0, -4)}AAAA`,
    });
    expect(location).toBe('/dashboard/calendar/settings?error=invalid_state');
  });

  it('refuses a state older than ten minutes', async () => {
    const box = new SecretBox(t.config.encryptionKey, [], 'oauth-state');
    const stale = createOAuthState(
      box,
      { userId: owner.userId, tenantId: owner.tenantId, provider: 'google' },
      Date.now() - 11 * 60_000,
    );
    const response = await owner.client.get(
      `/api/calendar/callback/google?code=whatever&state=${encodeURIComponent(stale)}`,
    );
    expect(response.headers.location).toBe('/dashboard/calendar/settings?error=state_expired');
  });

  it("refuses a state minted for someone else, so nobody can attach their calendar to another's account", async () => {
    const other = await addMember(t.app, owner.client, 'client');
    const box = new SecretBox(t.config.encryptionKey, [], 'oauth-state');
    const ownersState = createOAuthState(box, {
      userId: owner.userId,
      tenantId: owner.tenantId,
      provider: 'google',
    });
    const response = await other.client.get(
      `/api/calendar/callback/google?code=x&state=${encodeURIComponent(ownersState)}`,
    );
    expect(response.headers.location).toBe('/dashboard/calendar/settings?error=invalid_state');
  });

  it('answers 400 for an unknown provider and 404 for a connection of another practice', async () => {
    expect((await owner.client.get('/api/calendar/connect?provider=yahoo')).statusCode).toBe(400);
    const stranger = await signUpOwner(t.app);
    const [row] = await t.database.db
      .select()
      .from(calendarConnections)
      .where(eq(calendarConnections.tenantId, owner.tenantId));
    expect((await stranger.client.delete(`/api/calendar?id=${row!.id}`)).statusCode).toBe(404);
    expect((await stranger.client.delete('/api/calendar?id=not-a-uuid')).statusCode).toBe(400);
  });
});
