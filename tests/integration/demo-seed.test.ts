import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectDemoCalendar,
  demoGoogleEnv,
  startDemoGoogle,
} from '../../scripts/demo/google-demo-calendar.ts';
import { seedDemoTenant, userIdByEmail } from '../../scripts/demo/seed-demo-tenant.ts';
import { createCalendarContext } from '../../src/calendar/calendar-context.ts';
import { drainOutbox } from '../../src/calendar/outbox/drain-outbox.ts';
import { syncConnection } from '../../src/calendar/sync/sync-connection.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import {
  appointmentEvents,
  appointments,
  assistants,
  calendarConnections,
} from '../../src/db/schema/index.ts';
import { addDays, dayOfWeek } from '../../src/domain/time-zone.ts';
import { revokeAssistant } from '../../src/services/assistants/assistants.ts';
import { resolveAssistantKey } from '../../src/services/assistants/resolve-assistant-key.ts';
import { calendarBusyTime } from '../../src/services/availability/busy-time-source.ts';
import { getPublicAvailableSlots } from '../../src/services/availability/get-public-available-slots.ts';
import { createTestDatabase } from '../support/test-database.ts';

let database: DatabaseHandle;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'rendezvous-demo-'));
});
afterAll(async () => {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo practice', () => {
  it('is seeded once, and offers weekday times to book', async () => {
    const first = await seedDemoTenant(database.db, dataDir);
    const again = await seedDemoTenant(database.db, dataDir);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ tenantId: first.tenantId, created: false });
    // The voice assistant keeps its key across restarts; the database holds only its hash.
    expect(again.assistant).toEqual(first.assistant);
    const identity = await resolveAssistantKey(database.db, first.assistant!.apiKey);
    expect(identity).toMatchObject({ tenantId: first.tenantId, assistantId: first.assistant!.id });
    const [stored] = await database.db
      .select()
      .from(assistants)
      .where(eq(assistants.id, first.assistant!.id));
    expect(JSON.stringify(stored)).not.toContain(first.assistant!.apiKey);

    // Every seeded appointment has its trail, as any other would.
    const trails = await database.db
      .select({ appointmentId: appointmentEvents.appointmentId, action: appointmentEvents.action })
      .from(appointmentEvents)
      .where(eq(appointmentEvents.tenantId, first.tenantId));
    const seeded = await database.db
      .select({ id: appointments.id, startTime: appointments.startTime })
      .from(appointments)
      .where(eq(appointments.tenantId, first.tenantId));
    expect(seeded.length).toBeGreaterThan(0);
    // The practice opens on weekdays, and so do its appointments, whatever day the demo starts.
    for (const { startTime } of seeded) expect([1, 2, 3, 4, 5]).toContain(startTime.getUTCDay());
    expect(trails.map((e) => e.appointmentId).sort()).toEqual(seeded.map((a) => a.id).sort());
    expect(new Set(trails.map((e) => e.action))).toEqual(new Set(['created']));

    const today = new Date().toISOString().slice(0, 10);
    const { slots, timezone } = await getPublicAvailableSlots(
      { db: database.db, busyTime: calendarBusyTime },
      first.tenantId,
      { startDate: today, endDate: addDays(today, 13) },
    );
    expect(timezone).toBe('Europe/Paris');
    // Two weeks hold ten weekdays; however many are past today, most are bookable.
    expect(new Set(slots.map((s) => s.date)).size).toBeGreaterThanOrEqual(8);
    for (const slot of slots) {
      expect([1, 2, 3, 4, 5]).toContain(dayOfWeek(slot.date));
      const hm = slot.localStartTime.slice(11, 16);
      expect(hm >= '09:00' && hm < '18:00', slot.localStartTime).toBe(true);
    }
  });

  it('keeps its appointments across restarts, though its Google emulator starts empty each time', async () => {
    const tenant = await seedDemoTenant(database.db, dataDir);
    const owner = tenant.people.find((p) => p.role === 'owner')!;
    const userId = await userIdByEmail(database.db, owner.email);
    const appointmentsNow = () =>
      database.db
        .select({
          id: appointments.id,
          status: appointments.status,
          title: appointments.title,
          assistantId: appointments.assistantId,
          attendeeEmail: appointments.attendeeEmail,
        })
        .from(appointments)
        .where(eq(appointments.tenantId, tenant.tenantId))
        .orderBy(appointments.id);
    /** One run of `npm run demo`: a fresh emulator, connected and synced both ways, as the server does. */
    const run = async () => {
      const google = await startDemoGoogle(0);
      try {
        const config = loadConfig({
          NODE_ENV: 'test',
          DATA_DIR: 'memory://',
          LOG_LEVEL: 'silent',
          PUBLIC_URL: 'http://localhost:3000',
          ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
          ...demoGoogleEnv(google.url),
        });
        const ctx = createCalendarContext(database.db, config, { sleep: async () => {} });
        await connectDemoCalendar(
          ctx,
          google.url,
          { tenantId: tenant.tenantId, userId, email: owner.email },
          tenant.assistant!.id,
        );
        const [connection] = await database.db
          .select()
          .from(calendarConnections)
          .where(eq(calendarConnections.tenantId, tenant.tenantId));
        await syncConnection(ctx, connection!, 'manual');
        await drainOutbox(ctx, { tenantId: tenant.tenantId });
        const response = await fetch(`${google.url}/__emulator/calendars/${owner.email}/events`);
        const { items } = (await response.json()) as { items: { summary: string; status: string }[] };
        return items.filter((event) => event.status !== 'cancelled').map((event) => event.summary);
      } finally {
        await google.close();
      }
    };

    const firstCalendar = await run();
    const afterFirst = await appointmentsNow();
    // The assistant's four bookings were imported, with who booked them, and the practice's
    // upcoming ones pushed.
    const imported = afterFirst.filter((a) => a.title.includes(' - '));
    expect(imported.length).toBe(4);
    expect(new Set(imported.map((a) => a.assistantId))).toEqual(new Set([tenant.assistant!.id]));
    expect(imported.map((a) => a.attendeeEmail)).toContain('chloe.petit@example.com');
    expect(firstCalendar.length).toBeGreaterThan(6);

    const secondCalendar = await run();
    // Nothing cancelled for the emulator's forgetting, nothing imported twice...
    expect(await appointmentsNow()).toEqual(afterFirst);
    // ...and the new calendar carries what the first one did.
    expect(secondCalendar.sort()).toEqual(firstCalendar.sort());
  });

  it('stops offering the assistant’s key once an admin revoked it', async () => {
    const tenant = await seedDemoTenant(database.db, dataDir);
    await revokeAssistant(database.db, tenant.tenantId, tenant.assistant!.id);
    expect((await seedDemoTenant(database.db, dataDir)).assistant).toBeNull();
  });
});
