import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkA11y } from '../support/browser.ts';
import {
  addClient,
  appUrl,
  book,
  browserForFile,
  capture,
  newPage,
  parisSlot,
  toast,
} from './dashboard-fixtures.ts';
import { type Person, signUp, uniquePerson } from './support.ts';

const baseUrl = inject('baseUrl');
const url = appUrl;

const browser = browserForFile();

/** Spec 001 flows 1 and 4: the practice's calendar, and requesting an appointment with a client from a slot. */
describe.each([{ width: 1280 }, { width: 390 }])('the practice calendar at $width px', ({ width }) => {
  let context: BrowserContext;
  let page: Page;
  const owner = uniquePerson('Olivia Owner');
  let jean: Person;

  beforeAll(async () => {
    ({ context, page } = await newPage(browser(), width));
    await signUp(page, baseUrl, owner, `Harbour Physio ${width}`);
    jean = await addClient(page, baseUrl, 'Jean Dupont');
    const marie = await addClient(page, baseUrl, 'Marie Curie');
    await book(page, baseUrl, { title: 'Follow-up', userId: marie.id, ...parisSlot('2030-01-15', '14:00') });
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows every appointment of the practice with its client, coloured by status', async () => {
    await page.goto(url('/admin/appointments/calendar?view=week&date=2030-01-15'));
    await page.getByRole('heading', { level: 1, name: 'Practice calendar' }).waitFor();
    const followUp = page.locator('.rbc-event.rdv-event--confirmed').filter({ hasText: 'Follow-up' });
    await followUp.waitFor();
    expect(await followUp.textContent()).toContain('Marie Curie');
    await capture(page, 'admin-calendar');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('opens the request dialog on a free slot, with the time filled in and field messages', async () => {
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
    await capture(page, 'admin-calendar-request-errors', { fullPage: false });
    expect(await checkA11y(page)).toEqual([]);
  });

  it('sends the request, says so, and shows it in yellow with the client’s name', async () => {
    const dialog = page.getByRole('dialog', { name: 'Request an appointment with a client' });
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
    await page.getByRole('link', { name: 'List view' }).click();
    await page.waitForURL(url('/admin/appointments'));
    await page.getByRole('heading', { level: 1 }).waitFor();
  });
});
