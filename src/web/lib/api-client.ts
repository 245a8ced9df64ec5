import type { ApiErrorBody } from '../../shared/envelope.ts';

/** A field the server refused, as its error handler names it (`email`, `phone`...). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Any failed API call: the server's code and message, the HTTP status, and its details. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;

  constructor(status: number, body: Pick<ApiErrorBody, 'code' | 'message' | 'details'>) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }

  /** Fields named by a 400 `{ details: { fields: [{ path, message }] } }`, without the `body.` prefix. */
  get fields(): FieldIssue[] {
    const fields = (this.details as { fields?: unknown } | null | undefined)?.fields;
    if (!Array.isArray(fields)) return [];
    return fields
      .filter((f): f is FieldIssue => typeof f?.path === 'string' && typeof f?.message === 'string')
      .map((f) => ({ path: f.path.replace(/^body\./, ''), message: f.message }));
  }
}

/** Codes the web app produces itself, for failures that never reached the server's handler. */
export const clientErrorCodes = {
  network: 'NETWORK_ERROR',
  rateLimited: 'RATE_LIMITED',
  unexpected: 'UNEXPECTED_RESPONSE',
} as const;

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
  /** Return the whole success envelope instead of its `data` (for fields beside it, such as `nextCursor`). */
  raw?: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function toError(status: number, body: unknown): ApiError {
  if (isObject(body) && body.success === false && isObject(body.error)) {
    const error = body.error as Partial<ApiErrorBody>;
    return new ApiError(status, {
      code: String(error.code ?? clientErrorCodes.unexpected),
      message: String(error.message ?? ''),
      details: error.details,
    });
  }
  if (status === 429) return new ApiError(status, { code: clientErrorCodes.rateLimited, message: '' });
  return new ApiError(status, { code: clientErrorCodes.unexpected, message: `HTTP ${status}` });
}

/**
 * The one fetcher of the web app: same-origin cookies, JSON both ways, and the envelope
 * unwrapped into its `data` (or an ApiError). Endpoints outside the envelope (Better Auth's)
 * return their JSON body as is.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(options.body ?? {}),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, { code: clientErrorCodes.network, message: (error as Error).message });
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) throw toError(response.status, body);
  if (isObject(body) && body.success === true && 'data' in body) return (options.raw ? body : body.data) as T;
  if (isObject(body) && body.success === false) throw toError(response.status, body);
  return body as T;
}

/** One page of a cursor-paginated list: `{ success, data, nextCursor }`. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A path with its query string; empty and undefined values are left out. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** GETs one page of a paginated list, keeping the `nextCursor` that sits beside `data`. */
export async function getPage<T>(path: string, signal?: AbortSignal): Promise<Page<T>> {
  const body = await apiRequest<{ data?: unknown; nextCursor?: unknown }>(path, {
    method: 'GET',
    signal,
    raw: true,
  });
  if (!Array.isArray(body?.data)) {
    throw new ApiError(200, { code: clientErrorCodes.unexpected, message: 'Not a page' });
  }
  return { data: body.data as T[], nextCursor: typeof body.nextCursor === 'string' ? body.nextCursor : null };
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { method: 'GET', signal }),
  post: <T>(path: string, body: unknown = {}) => apiRequest<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE', body: {} }),
};
