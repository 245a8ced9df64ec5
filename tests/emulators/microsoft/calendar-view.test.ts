import type { Client } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  graphClient,
  type Json,
  relative,
  seedUser,
  signIn,
  startTestEmulator,
  type TestEmulator,
} from './support.ts';

let emulator: TestEmulator;
let client: Client;

const at = (day: number, hour: number, length = 1) => ({
  start: {
    dateTime: `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00`,
    timeZone: 'UTC',
  },
  end: {
    dateTime: `2026-03-${String(day).padStart(2, '0')}T${String(hour + length).padStart(2, '0')}:00:00`,
    timeZone: 'UTC',
  },
});

async function create(subject: string, time: ReturnType<typeof at>) {
  return (await client.api('/me/events').post({ subject, ...time })) as Json;
}

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.control('POST', '/__emulator/reset');
  await seedUser(emulator);
  client = graphClient(emulator, (await signIn(emulator)).access_token);
});

describe('calendarView (user-list-calendarview.md)', () => {
  it('requires startDateTime and endDateTime', async () => {
    await expect(client.api('/me/calendarView').get()).rejects.toMatchObject({
      statusCode: 400,
      code: 'ErrorInvalidParameter',
    });
  });

  it('lists the events overlapping the window, in start order when asked', async () => {
    await create('Late', at(12, 15));
    await create('Before the window', at(9, 10));
    await create('Straddles the start', at(10, 7, 3)); // 07:00–10:00, the window opens at 09:00
    await create('Early', at(11, 9));
    await create('After the window', at(13, 10));
    const page: Json = await client
      .api('/me/calendarView')
      .query({ startDateTime: '2026-03-10T09:00:00Z', endDateTime: '2026-03-13T00:00:00Z' })
      .orderby('start/dateTime')
      .get();
    expect(page.value.map((e: Json) => e.subject)).toEqual(['Straddles the start', 'Early', 'Late']);
    const reversed: Json = await client
      .api('/me/calendarView')
      .query({ startDateTime: '2026-03-10T09:00:00Z', endDateTime: '2026-03-13T00:00:00Z' })
      .orderby('start/dateTime desc')
      .get();
    expect(reversed.value.map((e: Json) => e.subject)).toEqual(['Late', 'Early', 'Straddles the start']);
  });

  it('reads the window bounds with their offset, not in the Prefer time zone', async () => {
    await create('Nine UTC', at(11, 9));
    // 08:30-01:00 is 09:30Z: the event (09:00Z–10:00Z) overlaps a window opening then. A '+' offset would
    // need percent-encoding in a query string, with Graph as here.
    const page: Json = await client
      .api('/me/calendarView')
      .header('Prefer', 'outlook.timezone="Pacific Standard Time"')
      .query({ startDateTime: '2026-03-11T08:30:00-01:00', endDateTime: '2026-03-11T11:00:00-01:00' })
      .get();
    expect(page.value.map((e: Json) => e.subject)).toEqual(['Nine UTC']);
    expect(page.value[0].start.timeZone).toBe('Pacific Standard Time');
  });

  it('pages with $top and an absolute @odata.nextLink', async () => {
    for (let day = 1; day <= 5; day++) await create(`Day ${day}`, at(day, 10));
    const window = { startDateTime: '2026-03-01T00:00:00Z', endDateTime: '2026-04-01T00:00:00Z' };
    const first: Json = await client
      .api('/me/calendarView')
      .query(window)
      .orderby('start/dateTime')
      .top(2)
      .get();
    expect(first.value).toHaveLength(2);
    expect(first['@odata.nextLink']).toMatch(/^http:\/\/.+(\$|%24)skip=2/);
    const subjects = [...first.value];
    let next: string | undefined = first['@odata.nextLink'];
    while (next) {
      const page: Json = await client.api(relative(emulator, next)).get();
      subjects.push(...page.value);
      next = page['@odata.nextLink'];
    }
    expect(subjects.map((e: Json) => e.subject)).toEqual(['Day 1', 'Day 2', 'Day 3', 'Day 4', 'Day 5']);
  });

  it('refuses an ordering it does not know with 400', async () => {
    await expect(
      client
        .api('/me/calendarView')
        .query({ startDateTime: '2026-03-01T00:00:00Z', endDateTime: '2026-04-01T00:00:00Z' })
        .orderby('subject')
        .get(),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});
