import { expect } from 'vitest';
import type { App } from '../../src/server/app.ts';
import type { TestClient } from './http.ts';

/** A voice assistant's HTTP client: its API key as a bearer token, no cookie, no Origin. */
export class AssistantClient {
  constructor(
    private readonly app: App,
    readonly apiKey: string,
  ) {}

  request(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${this.apiKey}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  get = (url: string) => this.request('GET', url);
  book = (body: Record<string, unknown>, idempotencyKey?: string) =>
    this.request(
      'POST',
      '/api/assistant/appointments',
      body,
      idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    );
}

/** Creates an assistant through the admin API and returns it with a client holding its key. */
export async function createAssistant(app: App, staff: TestClient, body: Record<string, unknown> = {}) {
  const r = await staff.post('/api/admin/assistants', { name: 'Front desk', ...body });
  expect(r.statusCode, r.body).toBe(201);
  const data = r.json().data as { id: string; apiKey: string; apiKeyPrefix: string };
  return { ...data, client: new AssistantClient(app, data.apiKey) };
}

/**
 * Opens Monday to Friday 09:00–17:00 (the practice's zone, Europe/Paris by default) in
 * 30-minute slots for the practitioner (default: the caller).
 */
export async function openWeekdays(staff: TestClient, userId?: string) {
  for (const dayOfWeek of [1, 2, 3, 4, 5]) {
    const r = await staff.post('/api/admin/availability/slots', {
      ...(userId ? { userId } : {}),
      dayOfWeek,
      startTime: '09:00',
      endTime: '17:00',
      duration: 30,
    });
    expect(r.statusCode, r.body).toBe(201);
  }
}
