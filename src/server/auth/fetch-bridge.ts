import type { IncomingHttpHeaders } from 'node:http';

/** Node's header object as a Fetch `Headers`, which Better Auth's API takes. */
export function toFetchHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) result.append(key, v);
    else result.append(key, String(value));
  }
  return result;
}
