import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { appointments, organizations, users } from '../../src/db/schema/index.ts';
import { findPgError } from '../../src/server/http-errors.ts';
import { createTestDatabase, testDatabaseKind } from '../support/test-database.ts';

let database: DatabaseHandle;
const tenantId = randomUUID();
const practitioner = randomUUID();
const colleague = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db
    .insert(organizations)
    .values({ id: tenantId, name: 'Constraint practice', slug: `c-${tenantId}` });
  await database.db.insert(users).values([
    { id: practitioner, name: 'Dr P', email: `${practitioner}@example.com` },
    { id: colleague, name: 'Dr C', email: `${colleague}@example.com` },
  ]);
});
afterAll(() => database.close());

const at = (hour: number, minute = 0) => new Date(Date.UTC(2030, 0, 15, hour, minute));

/** Writes straight to the table, as a buggy code path or a manual SQL session would. */
async function insert(
  assignee: string,
  start: Date,
  end: Date,
  status: 'pending' | 'confirmed' | 'cancelled' = 'confirmed',
) {
  return database.db
    .insert(appointments)
    .values({
      tenantId,
      assignedAdminId: assignee,
      title: 'Direct insert',
      startTime: start,
      endTime: end,
      status,
    })
    .returning({ id: appointments.id });
}

async function expectRefused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the database accepted the row').toBeDefined();
  expect(findPgError(error)?.code).toBe(code);
}

describe(`the database itself (${testDatabaseKind()})`, () => {
  it('refuses two overlapping pending/confirmed appointments of one assignee', async () => {
    await insert(practitioner, at(9), at(10));
    await expectRefused(insert(practitioner, at(9, 30), at(10, 30), 'pending'), '23P01');
    await expectRefused(insert(practitioner, at(8), at(11)), '23P01');
  });

  it('accepts back-to-back appointments, other assignees and cancelled ones', async () => {
    await insert(practitioner, at(12), at(13));
    await insert(practitioner, at(13), at(14));
    await insert(colleague, at(12, 30), at(13, 30));
    await insert(practitioner, at(12, 15), at(12, 45), 'cancelled');
  });

  it('refuses to move an appointment onto another one, even by UPDATE', async () => {
    const [row] = await insert(practitioner, at(16), at(17));
    await insert(practitioner, at(18), at(19));
    const { sql } = await import('drizzle-orm');
    await expectRefused(
      database.db.execute(
        sql`update appointments set start_time = ${at(18, 30).toISOString()}, end_time = ${at(19, 30).toISOString()} where id = ${row!.id}`,
      ),
      '23P01',
    );
  });

  it('refuses an end before the start and a negative price', async () => {
    await expectRefused(insert(practitioner, at(21), at(20)), '23514');
    await expectRefused(
      database.db
        .insert(appointments)
        .values({ tenantId, title: 'Bad price', startTime: at(22), endTime: at(23), price: -1 }),
      '23514',
    );
  });
});
