import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulators/shared/listen.ts';
import { assistantEvent, control, startGoogle } from '../support/google.ts';
import { signUpOwner } from '../support/http.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let google: RunningEmulator;
let t: TestApp;
const clinicCalendar = 'front-desk@clinic.example';

beforeAll(async () => {
  const started = await startGoogle();
  google = started.emulator;
  await control(google, 'POST', 'calendars', { id: clinicCalendar, owner: clinicCalendar });
  const { keyFile } = await control(google, 'POST', 'service-accounts', {
    name: 'clinic-sync',
    calendars: [clinicCalendar],
  });
  // The key file's own token_uri must be used: point the global token URL elsewhere to prove it.
  t = await createTestApp({
    env: {
      ...started.env,
      GOOGLE_TOKEN_URL: 'http://127.0.0.1:9/token-url-that-must-not-be-used',
      GOOGLE_SERVICE_ACCOUNT_JSON: JSON.stringify(keyFile),
      GOOGLE_CALENDAR_ID: clinicCalendar,
    },
  });
});
afterAll(async () => {
  await t.close();
  await google.close();
});

describe('service-account mode (spec 002)', () => {
  it("connects the shared calendar with the key file's token_uri and imports from it", async () => {
    const owner = await signUpOwner(t.app);
    const connect = await owner.client.post('/api/calendar/service-account');
    expect(connect.statusCode).toBe(201);
    expect(connect.json().data).toMatchObject({
      authType: 'service_account',
      calendarId: clinicCalendar,
      status: 'active',
    });
    expect(connect.json().data.email).toMatch(/^clinic-sync@/);

    await control(google, 'POST', 'seed', {
      calendarId: clinicCalendar,
      events: [assistantEvent({ start: '2031-01-06T09:00:00Z', end: '2031-01-06T09:30:00Z' })],
    });
    const sync = await owner.client.post('/api/appointments/sync');
    expect(sync.json().data).toMatchObject({ synced: 1, connections: [{ status: 'active' }] });
  });

  it('is refused to clients', async () => {
    const owner = await signUpOwner(t.app);
    const { addMember } = await import('../support/http.ts');
    const client = await addMember(t.app, owner.client, 'client');
    expect((await client.client.post('/api/calendar/service-account')).statusCode).toBe(403);
  });
});
