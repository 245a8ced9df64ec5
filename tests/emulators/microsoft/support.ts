import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client, HTTPMessageHandler, type Middleware } from '@microsoft/microsoft-graph-client';
import Fastify from 'fastify';
import { startMicrosoftEmulator } from '../../../emulators/microsoft/server.ts';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/providers/fixtures');
export const REDIRECT_URI = 'http://localhost:3000/oauth/microsoft/callback';
export const CLIENT = { client_id: 'rendezvous-dev-ms', client_secret: 'dev-secret' };
export const CALENDAR_SCOPE = 'offline_access https://graph.microsoft.com/Calendars.ReadWrite';

/** Payloads read off the wire are untyped; tests assert on them. */
// biome-ignore lint/suspicious/noExplicitAny: JSON from the wire
export type Json = any;

export interface TestEmulator {
  url: string;
  close: () => Promise<void>;
  control: <T = Json>(method: string, route: string, body?: unknown) => Promise<T>;
}

export async function startTestEmulator(): Promise<TestEmulator> {
  const running = await startMicrosoftEmulator();
  const control = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${running.url}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} -> ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return { url: running.url, close: running.close, control };
}

export async function seedUser(emulator: TestEmulator, mail = 'ada@contoso.onmicrosoft.com') {
  return emulator.control<{ id: string; mail: string; tenantId: string }>('POST', '/__emulator/users', {
    mail,
    displayName: 'Ada Lovelace',
    timeZone: 'Europe/Paris',
  });
}

/** Walks the authorize → consent form → redirect steps like a browser and returns the redirect URL. */
export async function authorize(
  emulator: TestEmulator,
  options: {
    scope?: string;
    decision?: 'accept' | 'cancel';
    loginHint?: string;
    extra?: Record<string, string>;
  } = {},
): Promise<URL> {
  const query = new URLSearchParams({
    ...CLIENT,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: options.scope ?? CALENDAR_SCOPE,
    state: 'opaque-state-123',
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
    ...options.extra,
  });
  query.delete('client_secret');
  const page = await fetch(`${emulator.url}/common/oauth2/v2.0/authorize?${query}`);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize page ${page.status}: ${html}`);
  const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
  const request = /name="request" value="([^"]+)"/.exec(html)![1];
  const account = /<option value="([^"]+)" selected/.exec(html)![1];
  const decision = await fetch(`${emulator.url}${action}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request, account, decision: options.decision ?? 'accept' }),
  });
  if (decision.status !== 302) throw new Error(`consent answered ${decision.status}`);
  return new URL(decision.headers.get('location')!);
}

export async function token(emulator: TestEmulator, form: Record<string, string>) {
  const response = await fetch(`${emulator.url}/common/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...CLIENT, ...form }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, Json> };
}

/** Full sign-in: consent + code redemption. */
export async function signIn(emulator: TestEmulator, scope = CALENDAR_SCOPE) {
  const redirect = await authorize(emulator, { scope });
  const { body } = await token(emulator, {
    grant_type: 'authorization_code',
    code: redirect.searchParams.get('code')!,
    redirect_uri: REDIRECT_URI,
    scope,
  });
  return body as { access_token: string; refresh_token?: string };
}

/**
 * The official SDK pointed at the emulator through `baseUrl`. Its AuthenticationHandler only attaches
 * the token to https Graph hosts or https `customHosts` (GraphRequestUtil.isValidEndpoint), so against
 * an http emulator the chain uses a one-line bearer middleware instead. No RetryHandler: tests see 429s.
 */
export function graphClient(emulator: TestEmulator, accessToken: string): Client {
  const http = new HTTPMessageHandler();
  const bearer: Middleware = {
    async execute(context) {
      context.options = context.options ?? {};
      const options = context.options;
      const headers = options.headers;
      if (headers instanceof Headers) headers.set('Authorization', `Bearer ${accessToken}`);
      else
        options.headers = { ...(headers as Record<string, string>), Authorization: `Bearer ${accessToken}` };
      await http.execute(context);
    },
  };
  return Client.initWithMiddleware({ baseUrl: emulator.url, defaultVersion: 'v1.0', middleware: bearer });
}

/** The SDK parses only https absolute URLs; an emulator link is followed by its path. */
export const relative = (emulator: TestEmulator, link: string) => link.slice(`${emulator.url}/v1.0`.length);

export interface ReceivedRequest {
  url: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: Json;
}

/** A local webhook receiver; `behaviour` decides how it answers (default: a well-behaved Graph receiver). */
export async function startReceiver(
  behaviour?: (request: ReceivedRequest) => { status: number; body?: string },
) {
  const received: ReceivedRequest[] = [];
  const app = Fastify();
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_r, body, done) => done(null, body));
  app.post('/*', async (request, reply) => {
    const entry: ReceivedRequest = {
      url: request.url,
      query: request.query as Record<string, string>,
      headers: request.headers,
      body: request.body,
    };
    received.push(entry);
    const answer = behaviour?.(entry) ?? defaultAnswer(entry);
    return reply
      .code(answer.status)
      .type('text/plain')
      .send(answer.body ?? '');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, received, close: () => app.close() };
}

/** Echo the decoded validation token; accept notifications with 202. */
function defaultAnswer(request: ReceivedRequest) {
  if (request.query.validationToken !== undefined)
    return { status: 200, body: request.query.validationToken };
  return { status: 202 };
}

/** Reads a fixture; `.jsonc` files lose comments and trailing commas first. */
export function loadFixture(name: string): Json {
  const text = readFileSync(path.join(FIXTURES, name), 'utf8');
  const json = name.endsWith('.jsonc') ? text.replace(/\/\/.*$/gm, '').replace(/,\s*([}\]])/g, '$1') : text;
  return JSON.parse(json);
}

export function fixtureNames(prefix: string): string[] {
  return readdirSync(FIXTURES).filter((n) => n.startsWith(prefix));
}

export type Shape = string | { [key: string]: Shape } | Shape[];

/** Type of every value, recursively: `null`, `string`, `number`, `boolean`, arrays by their first item. */
export function shapeOf(value: unknown): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, shapeOf(v)]));
  }
  return typeof value;
}

/**
 * Differences between a real payload and the emulator's: keys in the real payload that the emulator
 * lacks (unless listed in `mayBeAbsent`), and keys present in both with a different value type
 * (a `null` on one side is tolerated: Graph sends null for unset properties).
 */
export function shapeDifferences(
  real: unknown,
  emulated: unknown,
  mayBeAbsent: string[] = [],
  at = '$',
): string[] {
  const a = shapeOf(real);
  const b = shapeOf(emulated);
  if (a === 'null' || b === 'null') return [];
  if (typeof a === 'string' || typeof b === 'string')
    return a === b ? [] : [`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
  if (Array.isArray(real) !== Array.isArray(emulated)) return [`${at}: array vs object`];
  if (Array.isArray(real) && Array.isArray(emulated)) {
    return real.length && emulated.length
      ? shapeDifferences(real[0], emulated[0], mayBeAbsent, `${at}[0]`)
      : [];
  }
  const r = real as Record<string, unknown>;
  const e = emulated as Record<string, unknown>;
  return Object.keys(r).flatMap((key) => {
    const here = `${at}.${key}`;
    if (!(key in e)) return mayBeAbsent.includes(key) ? [] : [`${here}: missing`];
    return shapeDifferences(r[key], e[key], mayBeAbsent, here);
  });
}
