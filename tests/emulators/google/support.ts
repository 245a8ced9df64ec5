import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { JWT, OAuth2Client } from 'google-auth-library';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  startGoogleEmulator,
} from '../../../emulators/google/server.ts';
import type { RunningEmulator } from '../../../emulators/shared/listen.ts';

/** Shared setup for the Google emulator specs: start it, drive its control API, sign in, call it. */

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
export const EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
export const REDIRECT_URI = 'http://127.0.0.1:5173/oauth/google/callback';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../shared/providers/fixtures');

/** Reads a provider fixture; `.jsonc` ones are Google's docs bodies with trailing commas removed. */
export function fixture<T = unknown>(name: string): T {
  const text = readFileSync(path.join(FIXTURES, name), 'utf8');
  return JSON.parse(name.endsWith('.jsonc') ? text.replace(/,(\s*[}\]])/g, '$1') : text) as T;
}

export async function startEmulator(): Promise<RunningEmulator> {
  return startGoogleEmulator();
}

/** Control and raw API answers are read loosely in the specs: each assertion states the shape it expects. */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Json = any;

export interface ControlResponse<T = Json> {
  status: number;
  body: T;
}

export function controlApi(url: string) {
  async function call<T = Json>(method: string, route: string, body?: unknown): Promise<ControlResponse<T>> {
    const response = await fetch(`${url}/__emulator${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  return {
    get: <T = Json>(route: string) => call<T>('GET', route),
    post: <T = Json>(route: string, body: unknown = {}) => call<T>('POST', route, body),
    patch: <T = Json>(route: string, body: unknown) => call<T>('PATCH', route, body),
    delete: <T = Json>(route: string) => call<T>('DELETE', route),
  };
}

export function oauthClient(url: string, clientId = DEFAULT_CLIENT_ID, clientSecret = DEFAULT_CLIENT_SECRET) {
  // google-auth-library 10: the token endpoint is configurable through `endpoints`.
  return new OAuth2Client({
    clientId,
    clientSecret,
    redirectUri: REDIRECT_URI,
    endpoints: {
      oauth2TokenUrl: `${url}/token`,
      oauth2AuthBaseUrl: `${url}/o/oauth2/v2/auth`,
      oauth2RevokeUrl: `${url}/revoke`,
    },
  });
}

/** Reads the consent form the way a browser would: hidden fields plus the account field. */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="(?:hidden|email)" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1]!] = match[2]!.replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)));
  }
  return fields;
}

/** Opens the consent page at `authUrl`, answers it, and returns where Google redirected the browser. */
export async function answerConsent(
  authUrl: string,
  decision: 'allow' | 'deny',
  email?: string,
): Promise<URL> {
  const page = await fetch(authUrl);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const fields = formFields(await page.text());
  if (email) fields.email = email;
  const origin = new URL(authUrl).origin;
  const answer = await fetch(`${origin}/o/oauth2/v2/auth/decision`, {
    method: 'POST',
    body: new URLSearchParams({ ...fields, decision }),
    redirect: 'manual',
  });
  if (answer.status !== 302) throw new Error(`decision answered ${answer.status}`);
  return new URL(answer.headers.get('location')!);
}

/** The whole authorization-code flow with the official client; returns it holding the tokens. */
export async function signIn(url: string, email: string, scope = CALENDAR_SCOPE) {
  const client = oauthClient(url);
  const authUrl = client.generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    scope,
    state: 's1',
    login_hint: email,
  });
  const redirect = await answerConsent(authUrl, 'allow');
  const { tokens } = await client.getToken(redirect.searchParams.get('code')!);
  client.setCredentials(tokens);
  return { client, tokens };
}

export function calendarApi(url: string, auth: OAuth2Client | JWT): calendar_v3.Calendar {
  // @googleapis/calendar types against its own nested copy of google-auth-library; same runtime class.
  return calendar({
    version: 'v3',
    rootUrl: `${url}/`,
    auth: auth as unknown as calendar_v3.Options['auth'],
  });
}

/**
 * A service-account client from a key file. google-auth-library 10's JWT client always posts to
 * https://oauth2.googleapis.com/token (it ignores `token_uri`), so the request is redirected to the
 * key file's token_uri with a transporter interceptor.
 */
export function serviceAccountClient(keyFile: {
  client_email: string;
  private_key: string;
  token_uri: string;
}) {
  const client = new JWT({ email: keyFile.client_email, key: keyFile.private_key, scopes: [CALENDAR_SCOPE] });
  client.transporter.interceptors.request.add({
    resolved: async (options) => {
      if (options.url.toString() === 'https://oauth2.googleapis.com/token')
        options.url = new URL(keyFile.token_uri);
      return options;
    },
  });
  return client;
}

/** Raw API call with a bearer token, for asserting exact bodies and headers. */
export async function apiFetch(url: string, token: string, route: string, init: RequestInit = {}) {
  const response = await fetch(`${url}${route}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export function timedEvent(startIso: string, minutes: number, extra: Record<string, unknown> = {}) {
  const end = new Date(Date.parse(startIso) + minutes * 60_000).toISOString();
  return { summary: 'Appointment', start: { dateTime: startIso }, end: { dateTime: end }, ...extra };
}
