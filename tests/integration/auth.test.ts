import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/schema/index.ts';
import { signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-up', () => {
  it('creates a practice with the new user as its owner and signs them in', async () => {
    const client = new TestClient(t.app);
    const response = await client.post('/api/signup', {
      name: 'Dr Alice Martin',
      email: 'Alice@Example.com',
      password: 'a long enough password',
      organizationName: 'Cabinet Martin',
      timezone: 'Europe/Paris',
    });
    expect(response.statusCode).toBe(201);
    const me = response.json().data;
    expect(me).toMatchObject({
      user: { name: 'Dr Alice Martin', email: 'alice@example.com' },
      tenant: { name: 'Cabinet Martin', timezone: 'Europe/Paris' },
      role: 'owner',
    });
    const cookie = response.cookies.find((c) => c.name.endsWith('session_token'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const again = await client.get('/api/me');
    expect(again.statusCode).toBe(200);
    expect(again.json().data.tenant.id).toBe(me.tenant.id);
  });

  it('takes a zone by its current IANA name, and refuses one spelled in the wrong case', async () => {
    const signUp = (email: string, timezone: string) =>
      new TestClient(t.app).post('/api/signup', {
        name: 'Dr Priya Rao',
        email,
        password: 'a long enough password',
        organizationName: 'Rao Clinic',
        timezone,
      });
    // Asia/Kolkata is the name in use; the runtime's own list holds only its alias Asia/Calcutta.
    const kolkata = await signUp('priya@example.com', 'Asia/Kolkata');
    expect(kolkata.statusCode, kolkata.body).toBe(201);
    expect(kolkata.json().data.tenant.timezone).toBe('Asia/Kolkata');
    const lowercase = await signUp('rao@example.com', 'europe/paris');
    expect(lowercase.statusCode).toBe(400);
    expect(lowercase.json().error.details.fields).toEqual([
      { path: 'body.timezone', message: 'Unknown IANA time zone; did you mean Europe/Paris?' },
    ]);
  });

  it('refuses an email that already has an account, creating nothing', async () => {
    const owner = await signUpOwner(t.app);
    const response = await new TestClient(t.app).post('/api/signup', {
      name: 'Someone',
      email: owner.email,
      password: 'whatever password',
      organizationName: 'Other',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ success: false, error: { code: 'EMAIL_TAKEN' } });
  });

  it('names each invalid field', async () => {
    const response = await new TestClient(t.app).post('/api/signup', {
      name: '',
      email: 'not-an-email',
      password: 'short',
      organizationName: 'X',
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_ERROR');
    const paths = error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.email', 'body.password']));
  });

  it("does not expose Better Auth's own sign-up, which would create a user without a practice", async () => {
    const response = await new TestClient(t.app).post('/api/auth/sign-up/email', {
      name: 'X',
      email: 'x@example.com',
      password: 'long enough pass',
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('sign-in and sign-out', () => {
  it('signs in with the right password and out again', async () => {
    const owner = await signUpOwner(t.app);
    const client = new TestClient(t.app);
    expect((await client.get('/api/me')).statusCode).toBe(401);

    const login = await client.post('/api/auth/sign-in/email', {
      email: owner.email,
      password: owner.password,
    });
    expect(login.statusCode).toBe(200);
    expect((await client.get('/api/me')).json().data.role).toBe('owner');

    const logout = await client.post('/api/auth/sign-out', {});
    expect(logout.statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('refuses a wrong password', async () => {
    const owner = await signUpOwner(t.app);
    const response = await new TestClient(t.app).post('/api/auth/sign-in/email', {
      email: owner.email,
      password: 'wrong password!',
    });
    expect(response.statusCode).toBe(401);
    // In the envelope of every other endpoint, not in Better Auth's own shape.
    expect(response.json()).toEqual({
      success: false,
      error: {
        code: 'INVALID_EMAIL_OR_PASSWORD',
        message: 'Invalid email or password',
        requestId: expect.any(String),
      },
    });
  });

  it('keeps the session token out of the bodies page scripts read: sign-in and get-session', async () => {
    const owner = await signUpOwner(t.app);
    const client = new TestClient(t.app);
    const login = await client.post('/api/auth/sign-in/email', {
      email: owner.email,
      password: owner.password,
    });
    expect(login.statusCode).toBe(200);
    const session = await client.get('/api/auth/get-session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({
      session: { userId: owner.userId, expiresAt: expect.any(String) },
      user: { email: owner.email },
    });
    expect(session.json().session).not.toHaveProperty('token');
    const tokens = await t.database.db
      .select({ token: sessions.token })
      .from(sessions)
      .where(eq(sessions.userId, owner.userId));
    expect(tokens.length).toBeGreaterThan(0);
    for (const { token } of tokens) {
      expect(login.body).not.toContain(token);
      expect(session.body).not.toContain(token);
    }
    // Nobody signed in: still Better Auth's plain null.
    expect((await new TestClient(t.app).get('/api/auth/get-session')).json()).toBeNull();
  });

  it('answers 401 in the envelope when nobody is signed in', async () => {
    const response = await new TestClient(t.app).get('/api/me');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ success: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('a session in use', () => {
  const week = 7 * 24 * 3600;

  it('is extended, and its cookie renewed, once it is a day old', async () => {
    const owner = await signUpOwner(t.app);
    const { db } = t.database;
    // Age the session by two days: it now expires in five days instead of seven.
    await db
      .update(sessions)
      .set({ expiresAt: sql`now() + interval '5 days'` })
      .where(eq(sessions.userId, owner.userId));

    const response = await owner.client.get('/api/me');
    expect(response.statusCode).toBe(200);
    const renewed = response.cookies.find((c) => c.name.endsWith('session_token'));
    expect(renewed?.maxAge).toBe(week);
    const [session] = await db.select().from(sessions).where(eq(sessions.userId, owner.userId));
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + (week - 60) * 1000);
    // The renewed cookie still signs the user in.
    expect((await owner.client.get('/api/me')).statusCode).toBe(200);
  });

  it('is neither written nor given a new cookie while it is younger than a day', async () => {
    const owner = await signUpOwner(t.app);
    const response = await owner.client.get('/api/appointments');
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  it('slows down repeated sign-in attempts from one address', async () => {
    const limited = await createTestApp({ authRateLimitMax: 3 });
    try {
      const client = new TestClient(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await client.post('/api/auth/sign-in/email', {
          email: 'nobody@example.com',
          password: 'x',
        });
        statuses.push(r.statusCode);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  describe('at the production limit of 10 a minute', () => {
    let limited: TestApp;
    beforeEach(async () => {
      limited = await createTestApp({ authRateLimitMax: 10 });
    });
    afterEach(() => limited.close());

    it('does not count reading the session or signing out: the sign-in page can be opened again and again', async () => {
      const owner = await signUpOwner(limited.app);
      const visitor = new TestClient(limited.app);
      for (let i = 0; i < 10; i++) {
        expect((await visitor.get('/api/auth/get-session')).statusCode).toBe(200);
        await visitor.post('/api/auth/sign-out', {});
      }
      const login = await visitor.post('/api/auth/sign-in/email', {
        email: owner.email,
        password: owner.password,
      });
      expect(login.statusCode, login.body).toBe(200);
      expect((await visitor.get('/api/auth/get-session')).json().user.email).toBe(owner.email);
    });

    it('still stops guessing passwords at the 11th attempt', async () => {
      const owner = await signUpOwner(limited.app);
      const guesser = new TestClient(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const guess = await guesser.post('/api/auth/sign-in/email', {
          email: owner.email,
          password: `guess number ${i}`,
        });
        statuses.push(guess.statusCode);
      }
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      // The right password is refused too until the window passes; the session read still answers.
      const right = await guesser.post('/api/auth/sign-in/email', {
        email: owner.email,
        password: owner.password,
      });
      expect(right.statusCode).toBe(429);
      expect((await guesser.get('/api/auth/get-session')).statusCode).toBe(200);
    });
  });
});
