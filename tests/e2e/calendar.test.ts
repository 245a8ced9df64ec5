import { describe, expect, it } from 'vitest';
import {
  appUrl,
  book,
  lookOnBoth,
  parisSlot,
  phone,
  practiceForFile,
  requestWithClient,
  type Session,
  signIn,
  updateAppointment,
} from './fixtures.ts';

const ids: Record<string, string> = {};
let client: Session;

/** A client with one appointment of each status in the week of 14 January 2030. */
practiceForFile('Lakeside Clinic', async (practice, browser) => {
  const person = await practice.addPerson('Jean Dupont');
  const userId = person.id;
  ids.confirmed = (
    await book(practice, { title: 'Confirmed visit', userId, ...parisSlot('2030-01-15', '10:00') })
  ).id;
  ids.pending = (
    await requestWithClient(practice, {
      clientEmail: person.email,
      title: 'Proposed visit',
      ...parisSlot('2030-01-16', '10:00'),
    })
  ).id;
  ids.completed = (
    await book(practice, { title: 'Completed visit', userId, ...parisSlot('2030-01-17', '10:00') })
  ).id;
  await updateAppointment(practice, ids.completed, { status: 'completed' });
  ids.cancelled = (
    await book(practice, { title: 'Cancelled visit', userId, ...parisSlot('2030-01-18', '09:00') })
  ).id;
  await updateAppointment(practice, ids.cancelled, { status: 'cancelled' });
  client = await signIn(browser, person);
});

/** Spec 001 flow 3: a client sees their appointments on a calendar, coloured by status. */
describe('the client calendar', () => {
  it('reads only the visible week and colours each appointment by its status', async () => {
    const { page } = client;
    const read = page.waitForRequest((r) => {
      const requested = new URL(r.url());
      return requested.pathname === '/api/appointments' && requested.searchParams.has('endDate');
    });
    await page.goto(appUrl('/dashboard/calendar?view=week&date=2030-01-15'));
    const query = new URL((await read).url()).searchParams;
    expect([query.get('startDate'), query.get('endDate')]).toEqual([
      '2030-01-13T23:00:00.000Z',
      '2030-01-20T22:59:59.000Z',
    ]);
    await page.getByRole('heading', { level: 2, name: '14 Jan – 20 Jan 2030' }).waitFor();
    for (const [status, title] of [
      ['confirmed', 'Confirmed visit'],
      ['pending', 'Proposed visit'],
      ['completed', 'Completed visit'],
      ['cancelled', 'Cancelled visit'],
    ]) {
      await page.locator(`.rbc-event.rdv-event--${status}`).filter({ hasText: title }).waitFor();
    }
    await lookOnBoth(page, 'calendar-week');
  });

  it('moves between periods and views with the toolbar', async () => {
    const { page } = client;
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { level: 2, name: '21 Jan – 27 Jan 2030' }).waitFor();
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByRole('heading', { level: 2, name: '14 Jan – 20 Jan 2030' }).waitFor();

    await page.getByRole('button', { name: 'Month' }).click();
    await page.getByRole('heading', { level: 2, name: 'January 2030' }).waitFor();
    expect(await page.getByRole('button', { name: 'Month' }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('.rbc-month-view .rdv-event--pending').filter({ hasText: 'Proposed visit' }).waitFor();
    await lookOnBoth(page, 'calendar-month');

    await page.getByRole('button', { name: 'Agenda' }).click();
    const agenda = page.locator('.rbc-agenda-view');
    await agenda.getByRole('link', { name: /Confirmed visit/ }).waitFor();
    expect(await agenda.textContent()).toContain('Pending');
    await lookOnBoth(page, 'calendar-agenda');

    await page.getByRole('button', { name: 'Day', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /January 2030/ }).waitFor();
    await page.getByRole('button', { name: 'Today' }).click();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    await page.waitForURL((u) => u.searchParams.get('date') === today);
  });

  it('shows each appointment of a month by its start time, whole, on a phone', async () => {
    const { page } = client;
    const before = page.viewportSize()!;
    await page.setViewportSize(phone);
    try {
      await page.goto(appUrl('/dashboard/calendar?view=month&date=2030-01-15'));
      const chip = page.locator('.rbc-month-view .rdv-event--pending');
      await chip.waitFor();
      expect(await chip.locator('.rdv-event-time').textContent()).toBe('10:00');
      const time = (await chip.locator('.rdv-event-time').boundingBox())!;
      const box = (await chip.boundingBox())!;
      expect(time.x).toBeGreaterThanOrEqual(box.x);
      expect(time.x + time.width).toBeLessThanOrEqual(box.x + box.width);
      // The title is left to screen readers and the tooltip rather than cut to "Pr…".
      expect((await chip.locator('.rdv-event-title').boundingBox())!.width).toBeLessThanOrEqual(1);
      expect(await chip.locator('.rbc-event-content').getAttribute('title')).toContain('Proposed visit');
    } finally {
      await page.setViewportSize(before);
    }
  });

  it('opens an appointment from the calendar', async () => {
    const { page } = client;
    await page.goto(appUrl('/dashboard/calendar?view=week&date=2030-01-15'));
    await page.locator('.rdv-event--confirmed').filter({ hasText: 'Confirmed visit' }).click();
    await page.waitForURL(appUrl(`/dashboard/appointments/${ids.confirmed}`));
    await page.getByRole('heading', { level: 1, name: 'Confirmed visit' }).waitFor();
  });

  it('starts a request at the time of a free slot', async () => {
    const { page } = client;
    await page.goto(appUrl('/dashboard/calendar?view=week&date=2030-01-15'));
    await page.locator('.rdv-event--confirmed').waitFor();
    // Thursday's column, the 14:00 half-hour (the grid starts at midnight, two slots an hour).
    const thursday = page.locator('.rbc-time-content .rbc-day-slot').nth(3);
    const slot = thursday.locator('.rbc-time-slot').nth(28);
    await slot.scrollIntoViewIfNeeded();
    const box = (await slot.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 3);
    await page.waitForURL((u) => u.pathname === '/dashboard/appointments/new');
    expect(await page.getByLabel('Date', { exact: true }).inputValue()).toBe('2030-01-17');
    expect(await page.getByLabel('Time', { exact: true }).inputValue()).toBe('14:00');
    expect(await page.getByLabel('Duration').inputValue()).toBe('30');
  });
});
