import { PermanentProviderError, type ProviderError } from '../errors.ts';
import { graphError, networkError } from './microsoft-errors.ts';

/** One mailbox reached with one access token, over plain fetch (see the emulator README for why not the SDK). */
export interface GraphClient {
  baseUrl: string;
  accessToken: string;
  /** Requests made, for sync statistics. */
  requests: number;
  fetch: typeof fetch;
}

export function graphClient(
  baseUrl: string,
  accessToken: string,
  fetchImplementation: typeof fetch = fetch,
): GraphClient {
  return { baseUrl: baseUrl.replace(/\/+$/, ''), accessToken, requests: 0, fetch: fetchImplementation };
}

export interface GraphRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path under the base URL (`/me/events`) or an absolute link Graph handed out (nextLink, deltaLink). */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Graph expresses times in UTC when asked: we never have to guess a zone when reading. */
export const preferUtc = 'outlook.timezone="UTC"';

const timeoutMs = 30_000;

/** Sends one request; a non-2xx answer is thrown as a provider-neutral error. Returns the JSON body, or null for 204. */
export async function graphFetch<T>(client: GraphClient, request: GraphRequest): Promise<T> {
  const url = new URL(/^https?:\/\//.test(request.path) ? request.path : `${client.baseUrl}${request.path}`);
  // A link Graph handed out must lead back to Graph: the bearer token goes nowhere else.
  if (url.origin !== new URL(client.baseUrl).origin) {
    throw new PermanentProviderError(`Microsoft Graph: refusing to follow a link to ${url.origin}`);
  }
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {
    authorization: `Bearer ${client.accessToken}`,
    accept: 'application/json',
    ...request.headers,
  };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  client.requests += 1;
  let response: Response;
  try {
    response = await client.fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw networkError(error);
  }
  const text = await response.text().catch(() => '');
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) throw graphError(response.status, response.headers, data) satisfies ProviderError;
  return data as T;
}
