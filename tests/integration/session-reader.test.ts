import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members, sessions } from '../../src/db/schema/index.ts';
import { createAuth } from '../../src/server/auth/better-auth.ts';
import { createSessionReader, type SessionReader } from '../../src/server/auth/session-reader.ts';
import { signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp, testConfig } from '../support/test-app.ts';

let t: TestApp;
let read: SessionReader;
beforeAll(async () => {
  t = await createTestApp();
  read = createSessionReader(createAuth(t.database.db, t.config, t.app.log), t.database.db);
});
afterAll(() => t.close());

/** The signed session cookie of a client's cookie jar, as `name` and `value`. */
function sessionCookie(jar: string) {
  const pair = jar.split('; ').find((c) => c.split('=')[0]!.endsWith('session_token'))!;
  const [name, value] = pair.split('=') as [string, string];
  return { name, value: decodeURIComponent(value) };
}

describe('reading a session in one statement', () => {
  it('reads the member behind a genuine cookie', async () => {
    const owner = await signUpOwner(t.app);
    expect(await read({ cookie: owner.client.cookie })).toEqual({
      userId: owner.userId,
      email: owner.email,
      name: expect.any(String),
      tenantId: owner.tenantId,
      role: 'owner',
    });
  });

  it('refuses a cookie that is unsigned, tampered with or signed with another secret', async () => {
    const owner = await signUpOwner(t.app);
    const { name, value } = sessionCookie(owner.client.cookie);
    const token = value.slice(0, value.lastIndexOf('.'));
    const signature = value.slice(value.lastIndexOf('.') + 1);
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    const otherApp = createAuth(t.database.db, testConfig(), t.app.log);
    const signedElsewhere = (await otherApp.$context).secret;
    const foreign = `${token}.${createHmac('sha256', signedElsewhere).update(token).digest('base64')}`;
    // The genuine signature spelled another way (unpadded) is refused too, as Better Auth refuses it.
    const unpadded = `${token}.${signature.replace(/=+$/, '')}`;
    for (const forged of [token, `${token}.`, `${token}.${flipped}`, foreign, `x${value}`, unpadded]) {
      expect(await read({ cookie: `${name}=${encodeURIComponent(forged)}` })).toBeNull();
    }
    // And the API, which asks Better Auth after a refusal, agrees.
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `${name}=${encodeURIComponent(`${token}.${flipped}`)}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it('answers 401, never a 500, to a malformed cookie header', async () => {
    for (const cookie of [
      'better-auth.session_token=%E0%A4%A',
      'better-auth.session_token=',
      'better-auth.session_token',
      '=;;;=',
      `better-auth.session_token=${'a'.repeat(5000)}.${'A'.repeat(43)}=`,
    ]) {
      expect(await read({ cookie })).toBeNull();
      const response = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      expect(response.statusCode, cookie.slice(0, 40)).toBe(401);
    }
  });

  it('stops a revoked session at once', async () => {
    const owner = await signUpOwner(t.app);
    expect((await owner.client.get('/api/me')).statusCode).toBe(200);
    await t.database.db.delete(sessions).where(eq(sessions.userId, owner.userId));
    expect(await read({ cookie: owner.client.cookie })).toBeNull();
    expect((await owner.client.get('/api/me')).statusCode).toBe(401);
  });

  it('leaves a session due for extension to Better Auth, and never reads an expired one', async () => {
    const owner = await signUpOwner(t.app);
    const headers = { cookie: owner.client.cookie };
    const age = (expiresIn: string) =>
      t.database.db
        .update(sessions)
        .set({ expiresAt: sql`now() + ${sql.raw(`interval '${expiresIn}'`)}` })
        .where(eq(sessions.userId, owner.userId));

    await age('5 days');
    expect(await read(headers)).toBeNull();
    expect(await read(headers, 'accept')).toMatchObject({ userId: owner.userId });

    await age('-1 minute');
    expect(await read(headers)).toBeNull();
    expect(await read(headers, 'accept')).toBeNull();
    expect((await owner.client.get('/api/me')).statusCode).toBe(401);
  });

  it('reads a user who has left their practice without a tenant, which the API refuses', async () => {
    const owner = await signUpOwner(t.app);
    await t.database.db.delete(members).where(eq(members.userId, owner.userId));
    expect(await read({ cookie: owner.client.cookie })).toMatchObject({ tenantId: null, role: null });
    const response = await owner.client.get('/api/me');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });
});
