import { describe, expect, it } from 'vitest';
import {
  appUrl,
  book,
  desktop,
  lookOnBoth,
  type Person,
  parisSlot,
  phone,
  practiceForFile,
  requestWithClient,
  thisMonth,
  toast,
} from './fixtures.ts';

let jean: Person;

/** Two clients; Marie has a confirmed follow-up in January 2030 and a request to confirm this month. */
const ctx = practiceForFile('Harbour Physio', async (practice) => {
  jean = await practice.addPerson('Jean Dupont');
  const marie = await practice.addPerson('Marie Curie');
  await book(practice, { title: 'Follow-up', userId: marie.id, ...parisSlot('2030-01-15', '14:00') });
  // As an assistant titles its bookings: the name is in the title already.
  await book(practice, {
    title: 'Bilan - Marie Curie',
    userId: marie.id,
    ...parisSlot('2030-01-16', '09:00'),
  });
  await requestWithClient(practice, { clientEmail: marie.email, title: 'Check-up', ...thisMonth(10, 9) });
});

const calendarOf2030 = '/admin/appointments/calendar?view=week&date=2030-01-15';

/** Spec 001 flows 1 and 4: the practice's calendar, and requesting an appointment with a client from a slot. */
describe('the practice calendar', () => {
  it('shows every appointment of the practice with its client, coloured by status', async () => {
    const { page } = ctx;
    await page.goto(appUrl(calendarOf2030));
    await page.getByRole('heading', { level: 1, name: 'Practice calendar' }).waitFor();
    const followUp = page.locator('.rbc-event.rdv-event--confirmed').filter({ hasText: 'Follow-up' });
    await followUp.waitFor();
    expect(await followUp.textContent()).toContain('Marie Curie');
    // A title that names the client is not followed by the name a second time.
    const bilan = page.locator('.rbc-event').filter({ hasText: 'Bilan' });
    expect((await bilan.textContent())?.match(/Marie Curie/g)).toHaveLength(1);
    await lookOnBoth(page, 'admin-calendar', { ready: () => page.locator('.rbc-event').first() });
  });

  it('gives a month’s one-line appointment to its title first, the client taking what is left', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/admin/appointments/calendar?view=month&date=2030-01-15'));
    const followUp = page.locator('.rbc-month-view .rbc-event').filter({ hasText: 'Follow-up' });
    await followUp.waitFor();
    // Both used to shrink alike, cutting "Follow-up" to a few letters beside "Marie Curie".
    const title = await followUp
      .locator('.rdv-event-title')
      .evaluate((e) => ({ whole: e.scrollWidth, shown: e.clientWidth }));
    expect(title.shown).toBeGreaterThan(0);
    expect(title.shown).toBeGreaterThanOrEqual(title.whole);
    await page.goto(appUrl(calendarOf2030));
  });

  it('gives a short appointment of a day its hours and its title on one row, cut with an ellipsis', async () => {
    const { page } = ctx;
    await book(ctx.practice, {
      title: 'Initial consultation with a rather long description - Marie Curie',
      ...parisSlot('2030-01-17', '09:00', 30),
    });
    await page.setViewportSize(phone);
    await page.goto(appUrl('/admin/appointments/calendar?view=day&date=2030-01-17'));
    const event = page.locator('.rbc-day-slot .rbc-event').filter({ hasText: 'Initial consultation' });
    await event.waitFor();
    const text = event.locator('.rdv-event-title');
    const [box, label, title] = await Promise.all([
      event.boundingBox(),
      event.locator('.rbc-event-label').boundingBox(),
      text.boundingBox(),
    ]);
    // Beside the hours, inside the event: it used to wrap into a second column past the edge.
    expect(Math.abs(title!.y - label!.y)).toBeLessThan(4);
    expect(title!.x).toBeGreaterThan(label!.x + label!.width - 1);
    expect(title!.x + title!.width).toBeLessThanOrEqual(box!.x + box!.width);
    const { cut, overflow } = await text.evaluate((e) => ({
      cut: e.scrollWidth > e.clientWidth,
      overflow: e.ownerDocument.defaultView?.getComputedStyle(e).textOverflow,
    }));
    expect(cut).toBe(true);
    expect(overflow).toBe('ellipsis');
    await page.setViewportSize(desktop);
    await page.goto(appUrl(calendarOf2030));
  });

  it('keeps a week’s short appointment to its title in its column, cut with an ellipsis', async () => {
    const { page } = ctx;
    await book(ctx.practice, {
      title: 'Follow-up visit for a long-standing shoulder injury',
      ...parisSlot('2030-01-18', '14:00', 30),
    });
    await page.goto(appUrl('/admin/appointments/calendar?view=week&date=2030-01-18'));
    const event = page.locator('.rbc-day-slot .rbc-event').filter({ hasText: 'Follow-up visit' });
    await event.waitFor();
    const text = event.locator('.rdv-event-title');
    const [box, title] = await Promise.all([event.boundingBox(), text.boundingBox()]);
    // One line inside the event (it wrapped into a second column, cut at the edge without an
    // ellipsis); the hours are read from the grid.
    expect(await event.locator('.rbc-event-label').isVisible()).toBe(false);
    expect(title!.x + title!.width).toBeLessThanOrEqual(box!.x + box!.width);
    expect(title!.y + title!.height).toBeLessThanOrEqual(box!.y + box!.height + 1);
    const { cut, overflow } = await text.evaluate((e) => ({
      cut: e.scrollWidth > e.clientWidth,
      overflow: e.ownerDocument.defaultView?.getComputedStyle(e).textOverflow,
    }));
    expect(cut).toBe(true);
    expect(overflow).toBe('ellipsis');
    await page.goto(appUrl(calendarOf2030));
  });

  it('opens the request dialog on a free slot, with the time filled in and field messages', async () => {
    const { page } = ctx;
    // Tuesday's column, 10:00 (two half-hour slots an hour from midnight).
    const slot = page.locator('.rbc-time-content .rbc-day-slot').nth(1).locator('.rbc-time-slot').nth(20);
    await slot.scrollIntoViewIfNeeded();
    const box = (await slot.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 3);
    const dialog = page.getByRole('dialog', { name: 'Request an appointment with a client' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Date').inputValue()).toBe('2030-01-15');
    expect(await dialog.getByLabel('Start').inputValue()).toBe('10:00');
    expect(await dialog.getByLabel('End').inputValue()).toBe('10:30');
    expect(await page.locator(':focus').getAttribute('type')).toBe('email');

    await dialog.getByRole('button', { name: 'Send request' }).click();
    await dialog.getByText('Enter the client’s email.').waitFor();
    await dialog.getByText('Give the appointment a title.').waitFor();
    await dialog.getByLabel('Client email').fill('nobody@example.com');
    await dialog.getByLabel('Title').fill('Technical Consultation');
    await dialog.getByRole('radio', { name: 'Paid' }).check();
    await dialog.getByLabel('Price').fill('free');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await dialog.getByText('Enter a price above zero, such as 50 or 49.90.').waitFor();
    await dialog.getByRole('radio', { name: 'Free' }).check();
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await dialog.getByText('No client of your practice has this email.', { exact: false }).waitFor();
    await lookOnBoth(page, 'admin-calendar-request-errors', { fullPage: false });
  });

  it('sends the request, says so, and shows it in yellow with the client’s name', async () => {
    const { page } = ctx;
    const dialog = page.getByRole('dialog', { name: 'Request an appointment with a client' });
    // The practice's clients are offered as the email is typed.
    const offered = await dialog
      .locator('datalist option')
      .evaluateAll((options) => options.map((o) => `${o.getAttribute('value')} ${o.textContent}`));
    expect(offered).toContain(`${jean.email} Jean Dupont`);
    expect(offered.some((o) => o.endsWith('Marie Curie'))).toBe(true);
    await dialog.getByLabel('Client email').fill(jean.email);
    await dialog.getByLabel('Description (optional)').fill('Discuss project architecture');
    await dialog.getByLabel('End').fill('11:00');
    await dialog.getByLabel('Location (optional)').fill('Paris Office');
    await dialog.getByLabel('Meeting link (optional)').fill('https://meet.google.com/xyz');
    await dialog.getByLabel('Internal notes (optional)').fill('VIP client - prepare demo');
    await dialog.getByRole('button', { name: 'Send request' }).click();
    await toast(page, 'Appointment request sent to client').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const requested = page
      .locator('.rbc-event.rdv-event--pending')
      .filter({ hasText: 'Technical Consultation' });
    await requested.waitFor();
    expect(await requested.textContent()).toContain('Jean Dupont');
    expect(await requested.textContent()).toContain('10:00 – 11:00');
  });

  it('leads to the list view', async () => {
    const { page } = ctx;
    await page.getByRole('link', { name: 'List view' }).click();
    await page.waitForURL(appUrl('/admin/appointments'));
    await page.getByRole('row').filter({ hasText: 'Technical Consultation' }).waitFor();
  });
});

/** What the practice sees stays true everywhere: a change made on one page shows on the others. */
describe('an appointment changed from the calendar', () => {
  const nav = () => ctx.page.getByRole('navigation', { name: 'Main navigation' });
  const figure = (name: string) => ctx.page.getByRole('group', { name, exact: true });

  it('shows at once in the admin list and in the month’s figures, without reloading', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/admin/appointments?period=month'));
    const row = page.getByRole('row').filter({ hasText: 'Check-up' });
    expect(await row.innerText()).toContain('Pending');
    await figure('Pending').getByText('1', { exact: true }).waitFor();

    // The calendar, then the appointment's own page, confirmed there.
    await page.getByRole('link', { name: 'Calendar view' }).click();
    await page.getByRole('button', { name: 'Month' }).click();
    await page.locator('.rdv-event--pending').filter({ hasText: 'Check-up' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check-up' }).waitFor();
    await page.getByRole('button', { name: 'Confirm appointment' }).click();
    await toast(page, 'Appointment confirmed').waitFor();

    // Back to the list as a person goes back: the row and the figures have followed.
    await page.goBack();
    await page.goBack();
    await page.waitForURL(appUrl('/admin/appointments?period=month'));
    await row.filter({ hasText: 'Confirmed' }).waitFor();
    await figure('Pending').getByText('0', { exact: true }).waitFor();

    await nav().getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await figure('Pending').getByText('0', { exact: true }).waitFor();
    expect(await figure('Confirmed').innerText()).toMatch(/Confirmed\s+1/);
  });
});
