import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/server/app.ts';
import { testPublicUrl } from './test-app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client over `app.inject`: it keeps the session cookie it is given or receives,
 * and sends the same-origin `Origin` header a browser sends with the app's own requests.
 */
export class TestClient {
  constructor(
    private readonly app: App,
    public cookie = '',
  ) {}

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        origin: testPublicUrl,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    this.keepCookies(response);
    return response;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  private keepCookies(response: LightMyRequestResponse) {
    const jar = new Map(
      this.cookie
        .split('; ')
        .filter(Boolean)
        .map((c) => [c.split('=')[0], c] as const),
    );
    for (const c of response.cookies) {
      if (c.maxAge === 0 || c.value === '') jar.delete(c.name);
      else jar.set(c.name, `${c.name}=${c.value}`);
    }
    this.cookie = [...jar.values()].join('; ');
  }
}

export interface SignedUpOwner {
  client: TestClient;
  userId: string;
  tenantId: string;
  email: string;
  password: string;
}

let counter = 0;

/** Signs a new practice up and returns its owner's signed-in client. */
export async function signUpOwner(app: App, overrides: { email?: string; organizationName?: string } = {}) {
  counter += 1;
  const email = overrides.email ?? `owner${counter}-${Date.now()}@example.com`;
  const password = 'correct horse battery';
  const client = new TestClient(app);
  const response = await client.post('/api/signup', {
    name: `Owner ${counter}`,
    email,
    password,
    organizationName: overrides.organizationName ?? `Practice ${counter}`,
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const me = response.json().data;
  return { client, userId: me.user.id, tenantId: me.tenant.id, email, password } satisfies SignedUpOwner;
}

/** Creates a member through the admin API and signs them in. */
export async function addMember(
  app: App,
  admin: TestClient,
  role: 'admin' | 'client',
  name = `${role} person`,
) {
  counter += 1;
  const email = `${role}${counter}-${Date.now()}@example.com`;
  const password = 'another good password';
  const created = await admin.post('/api/admin/users', { name, email, password, role });
  if (created.statusCode !== 201)
    throw new Error(`member creation failed: ${created.statusCode} ${created.body}`);
  const client = new TestClient(app);
  const login = await client.post('/api/auth/sign-in/email', { email, password });
  if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
  return { client, userId: created.json().data.id as string, email, password };
}
