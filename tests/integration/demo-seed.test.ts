import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTenant } from '../../scripts/demo/seed-demo-tenant.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { appointmentEvents, appointments } from '../../src/db/schema/index.ts';
import { addDays, dayOfWeek } from '../../src/domain/time-zone.ts';
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

    // Every seeded appointment has its trail, as any other would.
    const trails = await database.db
      .select({ appointmentId: appointmentEvents.appointmentId, action: appointmentEvents.action })
      .from(appointmentEvents)
      .where(eq(appointmentEvents.tenantId, first.tenantId));
    const seeded = await database.db
      .select({ id: appointments.id })
      .from(appointments)
      .where(eq(appointments.tenantId, first.tenantId));
    expect(seeded.length).toBeGreaterThan(0);
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
});
