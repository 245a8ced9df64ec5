import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedUpOwner, signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * POST /api/auth/change-password (Better Auth's, forwarded): a member changes their own
 * password, giving the current one; every other session of theirs is signed out.
 */
let t: TestApp;
let owner: SignedUpOwner;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUpOwner(t.app);
});
afterAll(() => t.close());

const signIn = async (password: string) => {
  const client = new TestClient(t.app);
  const r = await client.post('/api/auth/sign-in/email', { email: owner.email, password });
  return { status: r.statusCode, client };
};

describe('changing one’s password', () => {
  it('takes the current password, and signs out the other devices', async () => {
    const phone = await signIn(owner.password);
    expect(phone.status).toBe(200);
    const r = await owner.client.post('/api/auth/change-password', {
      currentPassword: owner.password,
      newPassword: 'a brand new password',
      revokeOtherSessions: true,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).not.toContain('token');
    // This device stays signed in (its session is renewed); the phone is signed out.
    expect((await owner.client.get('/api/me')).statusCode).toBe(200);
    expect((await phone.client.get('/api/me')).statusCode).toBe(401);
    expect((await signIn(owner.password)).status).toBe(401);
    expect((await signIn('a brand new password')).status).toBe(200);
    owner.password = 'a brand new password';
  });

  it('refuses a wrong current password or a short new one, in the envelope, changing nothing', async () => {
    const attempts: [object, number, string][] = [
      [{ currentPassword: 'not my password', newPassword: 'another new password' }, 400, 'INVALID_PASSWORD'],
      [{ currentPassword: owner.password, newPassword: 'short' }, 400, 'PASSWORD_TOO_SHORT'],
      [{ currentPassword: owner.password, newPassword: 'x'.repeat(129) }, 400, 'PASSWORD_TOO_LONG'],
      [{ newPassword: 'another new password' }, 400, 'VALIDATION_ERROR'],
    ];
    for (const [body, status, code] of attempts) {
      const r = await owner.client.post('/api/auth/change-password', body);
      expect(r.statusCode, r.body).toBe(status);
      expect(r.json()).toMatchObject({ success: false, error: { code } });
    }
    const anonymous = await new TestClient(t.app).post('/api/auth/change-password', {
      currentPassword: owner.password,
      newPassword: 'another new password',
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ success: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await signIn(owner.password)).status).toBe(200);
  });
});
