import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addMember, signUpOwner, TestClient } from '../support/http.ts';
import { createTestApp, type TestApp, testPublicUrl } from '../support/test-app.ts';

const logLines: string[] = [];
const metricsToken = 'scraper-token-0123456789';
let t: TestApp;
beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({
    env: { ALLOWED_ORIGINS: 'https://partner.example.com', METRICS_TOKEN: metricsToken },
    logger: { level: 'error', stream, redact: ['req.headers.authorization', '*.password'] },
  });
  // A route that fails the way a bug would, to see what a 500 looks like from outside.
  t.app.post('/api/test/explode', async (request) => {
    const secret = (request.body as { password?: string }).password;
    throw new Error(`database exploded while handling ${secret ? 'a request' : 'nothing'}`);
  });
});
afterAll(() => t.close());

describe('health, readiness, metrics and docs', () => {
  it('reports liveness and readiness with migrations applied', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true } });
  });

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    await t.app.inject({ url: '/healthz' });
    const metrics = await t.app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('serves metrics only to a scraper holding METRICS_TOKEN, and none without one set', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', metricsToken]) {
      const refused = await t.app.inject({
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.message).toContain('METRICS_TOKEN');
      expect(refused.body).not.toContain('http_requests_total');
    }
    const off = await createTestApp();
    try {
      const answer = await off.app.inject({ url: '/metrics' });
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error.message).toBe('Metrics are off: set METRICS_TOKEN to serve them');
    } finally {
      await off.close();
    }
  });

  it('generates the OpenAPI document from the route schemas', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/signup', '/api/me', '/api/admin/users']),
    );
    expect(doc.paths['/api/signup'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'organizationName']),
    );
    // The rules a caller must know before sending a booking are written where tools read them.
    const booking = doc.paths['/api/appointments'].post.requestBody.content['application/json'].schema;
    expect(booking.properties.endTime.description).toContain('at most 24 hours');
    expect(booking.properties.startTime.description).toContain('time to come');
    expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 and changes nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Broken", "email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ success: false, error: { code: 'MALFORMED_JSON' } });
  });

  it('says why a valid JSON body with a __proto__ key is refused', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Poison", "__proto__": {"isAdmin": true}}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'MALFORMED_JSON',
      message: expect.stringContaining('__proto__'),
    });
  });

  it('names fields of the wrong type and unknown fields', async () => {
    const response = await new TestClient(t.app).post('/api/signup', {
      name: 42,
      email: 'ok@example.com',
      password: 'long enough password',
      organizationName: 'Practice',
      isSuperAdmin: true,
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.fields as { path: string; message: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.name' }),
        { path: 'body.isSuperAdmin', message: 'Unknown field' },
      ]),
    );
    // Nothing was created: the same email signs up fine afterwards.
    const retry = await new TestClient(t.app).post('/api/signup', {
      name: 'Fine',
      email: 'ok@example.com',
      password: 'long enough password',
      organizationName: 'Practice',
    });
    expect(retry.statusCode).toBe(201);
  });

  it('answers an unknown API route with a JSON 404 in the envelope', async () => {
    const response = await t.app.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('unexpected errors', () => {
  it('answers 500 with a request id and logs the stack without secrets', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/explode',
      headers: { 'content-type': 'application/json', authorization: 'Bearer top-secret-token' },
      payload: JSON.stringify({ password: 'hunter2-secret' }),
    });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body.error.code).toBe('INTERNAL_ERROR');
    expect(body.error.message).not.toContain('database exploded');
    expect(body.error.requestId).toBe(response.headers['x-request-id']);
    const logged = logLines.join('\n');
    expect(logged).toContain('database exploded');
    expect(logged).toContain(body.error.requestId);
    expect(logged).toMatch(/"stack":"Error: database exploded/);
    expect(logged).not.toContain('hunter2-secret');
    expect(logged).not.toContain('top-secret-token');
  });
});

describe('what the log holds', () => {
  it('keeps no name or email of a sign-up that lost a race for its address', async () => {
    const printed: string[] = [];
    const keep = (...args: unknown[]) => void printed.push(args.map((a) => String(a)).join(' '));
    const spies = [
      vi.spyOn(console, 'error').mockImplementation(keep),
      vi.spyOn(console, 'warn').mockImplementation(keep),
    ];
    const before = logLines.length;
    try {
      const body = {
        name: 'Racing Rachel',
        email: 'racing.rachel@example.com',
        password: 'a long enough password',
        organizationName: 'Race Clinic',
      };
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          t.app.inject({
            method: 'POST',
            url: '/api/signup',
            headers: { 'content-type': 'application/json', origin: testPublicUrl },
            payload: JSON.stringify(body),
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const logged = [...logLines.slice(before), ...printed].join('\n');
    expect(logged).not.toContain('racing.rachel@example.com');
    expect(logged).not.toContain('Racing Rachel');
    // Better Auth's report of the refused insert is in the server's log, summed up by its code.
    expect(logged).toContain('"component":"better-auth"');
    expect(logged).toContain('"code":"23505"');
  });
});

describe('headers', () => {
  it('sends Helmet security headers', async () => {
    const response = await t.app.inject({ url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('answers CORS only for ALLOWED_ORIGINS', async () => {
    const allowed = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/me',
      headers: { origin: 'https://partner.example.com', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://partner.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const other = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/me',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'GET' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('cross-site request forgery', () => {
  it('refuses a cookie-carrying POST from another site, and changes nothing', async () => {
    const owner = await signUpOwner(t.app);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: {
        cookie: owner.client.cookie,
        origin: 'https://evil.example.com',
        'content-type': 'application/json',
      },
      payload: JSON.stringify({
        name: 'Mallory',
        email: 'mallory@example.com',
        password: 'long password',
        role: 'admin',
      }),
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_REJECTED');

    const viaFetchMetadata = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: {
        cookie: owner.client.cookie,
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ name: 'Hacked' }),
    });
    expect(viaFetchMetadata.statusCode).toBe(403);

    const me = (await owner.client.get('/api/me')).json().data;
    expect(me.user.name).not.toBe('Hacked');
    const people = (await owner.client.get('/api/admin/users')).json().data as { email: string }[];
    expect(people.map((p) => p.email)).not.toContain('mallory@example.com');
  });

  it('accepts the same request from the app itself', async () => {
    const owner = await signUpOwner(t.app);
    const response = await owner.client.patch('/api/me', { name: 'Renamed Owner', locale: 'fr' });
    expect(response.statusCode).toBe(200);
    expect(response.json().data.user).toMatchObject({ name: 'Renamed Owner', locale: 'fr' });
  });
});

describe('access before input', () => {
  // A caller without access learns nothing about a route's input rules: 401 or 403 comes
  // before any 400, whatever the request carries.
  const badRequests = [
    ['POST', '/api/appointments', { title: 42, startTime: 'someday' }],
    ['GET', '/api/appointments/not-a-uuid', undefined],
    ['GET', '/api/appointments?status=unknown&limit=-3', undefined],
    ['PATCH', '/api/me', { name: 'Nul\u0000' }],
    ['POST', '/api/admin/appointments', { action: 'explode' }],
    ['DELETE', '/api/admin/products/not-a-uuid', undefined],
    ['GET', '/api/availability?startDate=yesterday', undefined],
  ] as const;

  it('answers an anonymous caller 401, not 400', async () => {
    const anonymous = new TestClient(t.app);
    for (const [method, url, body] of badRequests) {
      const response = await anonymous.request(method, url, body);
      expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 401 });
    }
    const assistant = await t.app.inject({
      method: 'POST',
      url: '/api/assistant/appointments',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ startTime: 'soon' }),
    });
    expect(assistant.statusCode).toBe(401);
  });

  it('answers a client 403 on staff routes, and 400 where the route is theirs', async () => {
    const owner = await signUpOwner(t.app);
    const { client } = await addMember(t.app, owner.client, 'client');
    const staffOnly = [
      ['POST', '/api/admin/appointments', { action: 'explode' }],
      ['DELETE', '/api/admin/products/not-a-uuid', undefined],
      ['POST', '/api/admin/users', { email: 'not an email' }],
    ] as const;
    for (const [method, url, body] of staffOnly) {
      const response = await client.request(method, url, body);
      expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 403 });
    }
    const theirs = await client.request('GET', '/api/appointments?status=unknown');
    expect(theirs.statusCode).toBe(400);
    expect(theirs.json().error.message).toContain('status');
    const nul = await client.patch('/api/me', { name: 'Nul\u0000' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.message).toContain('body.name');
  });
});
