import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Requests Node's HTTP parser refuses before any route runs. `app.inject` never goes through
 * the parser, so these go to a real port.
 */
let t: TestApp;
let origin: string;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(() => t.close());

/** Sends bytes that are not HTTP and answers what comes back before the server hangs up. */
function sendRaw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('requests the HTTP parser refuses', () => {
  it('answers a 100 kB query string with 431 in the JSON envelope', async () => {
    const response = await fetch(`${origin}/api/availability?startDate=${'2'.repeat(100_000)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      success: false,
      error: { code: 'HEADERS_TOO_LARGE', message: "The request's headers or address are too long" },
    });
  });

  it('answers a header past the limit the same way', async () => {
    const response = await fetch(`${origin}/api/me`, { headers: { 'x-padding': 'a'.repeat(100_000) } });
    expect(response.status).toBe(431);
    expect(await response.json()).toMatchObject({ success: false, error: { code: 'HEADERS_TOO_LARGE' } });
  });

  it('answers malformed HTTP with 400 in the JSON envelope', async () => {
    const answer = await sendRaw('NOT HTTP AT ALL\r\n\r\n');
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(head).toContain('Content-Type: application/json; charset=utf-8');
    expect(JSON.parse(body)).toEqual({
      success: false,
      error: { code: 'MALFORMED_REQUEST', message: 'The request is not well-formed HTTP' },
    });
  });

  it('keeps serving ordinary requests afterwards', async () => {
    const response = await fetch(`${origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
