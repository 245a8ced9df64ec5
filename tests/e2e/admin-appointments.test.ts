import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import {
  desktop,
  expectNoRawText,
  lookAt,
  openPractice,
  type Practice,
  pageWidth,
  phone,
  thisMonth,
} from './admin-helpers.ts';

const baseUrl = inject('baseUrl');

let browser: Browser;
let practice: Practice;
let page: Page;

interface Created {
  id: string;
}

/**
 * One practice in Paris with a client and five appointments this month:
 * pending paid 60 €, confirmed free, completed and paid 45 €, cancelled, pending free.
 */
beforeAll(async () => {
  browser = await launchBrowser();
  practice = await openPractice(browser, baseUrl, 'Quayside Physio');
  page = practice.page;
  const client = await practice.api<Created>('POST', '/api/admin/users', {
    name: 'Camille Martin',
    email: `camille.${Date.now()}@example.com`,
    password: 'a calm practice 42',
    role: 'client',
  });
  const book = (body: Record<string, unknown>) =>
    practice.api<Created>('POST', '/api/appointments', { userId: client.id, ...body });
  await book({
    title: 'Initial consultation',
    status: 'pending',
    type: 'paid',
    price: 6000,
    ...thisMonth(3, 8),
  });
  await book({ title: 'Follow-up session', ...thisMonth(5, 9) });
  const massage = await book({ title: 'Sports massage', type: 'paid', price: 4500, ...thisMonth(8, 10) });
  await practice.api('PUT', `/api/appointments/${massage.id}`, { isPaid: true, status: 'completed' });
  const posture = await book({ title: 'Posture check', ...thisMonth(12, 11) });
  await practice.api('PUT', `/api/appointments/${posture.id}`, { status: 'cancelled' });
  await book({ title: 'Bilan "posture", épaule', status: 'pending', ...thisMonth(14, 12) });
});
afterAll(async () => {
  await practice?.context.close();
  await browser?.close();
});

async function statValue(name: string) {
  return page.getByRole('group', { name, exact: true }).innerText();
}

describe('the administration dashboard', () => {
  it('shows this month’s figures of the seeded appointments in its cards', async () => {
    await page.goto(practice.url('/admin'));
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('group', { name: 'Appointments', exact: true }).waitFor();
    expect(await statValue('Appointments')).toContain('5');
    expect(await statValue('To confirm')).toContain('2');
    expect(await statValue('Revenue')).toContain('€45.00');
    expect(await statValue('Unpaid')).toContain('€60.00');
    expect(await statValue('Unpaid')).toContain('1 appointment to be paid');
    expect(await statValue('Confirmed')).toContain('1');
    expect(await statValue('Completed')).toContain('1');
    expect(await statValue('Cancelled')).toContain('1');
    expect(await statValue('No-show')).toContain('0');
  });

  it('draws the month day by day, with the numbers in a table for screen readers', async () => {
    const table = page.getByRole('table', { name: /Appointments per day in/ });
    const dayThree = table.getByRole('row').nth(3);
    expect(await dayThree.innerText()).toMatch(/3 .*\s1$/);
    await page.getByText('Busiest day:').waitFor();
    expect(await page.getByRole('heading', { name: 'Requests to confirm' }).count()).toBe(1);
    await expectNoRawText(page);
    await lookAt(page, 'admin-dashboard');
  });

  it('stacks the cards on a phone', async () => {
    await page.setViewportSize(phone);
    await page.getByRole('group', { name: 'Revenue' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await lookAt(page, 'admin-dashboard');
    await page.setViewportSize(desktop);
  });
});

describe('the admin appointments list', () => {
  const row = (title: string) => page.getByRole('row').filter({ hasText: title });

  it('lists this month’s appointments with client, practitioner, status and price', async () => {
    await page.goto(practice.url('/admin/appointments?period=month'));
    await page.getByRole('heading', { level: 1, name: 'Appointments' }).waitFor();
    await row('Initial consultation').waitFor();
    const text = await row('Initial consultation').innerText();
    expect(text).toContain('Camille Martin');
    expect(text).toContain('Olivia Owner');
    expect(text).toContain('Pending');
    expect(text).toContain('€60.00');
    expect(text).toContain('Unpaid');
    expect(await page.getByRole('row').count()).toBe(6);
    expect(await page.getByRole('link', { name: 'Calendar view' }).getAttribute('href')).toBe(
      '/admin/appointments/calendar',
    );
    await expectNoRawText(page);
    await lookAt(page, 'admin-appointments');
  });

  it('finds appointments by client name and narrows them by status and type', async () => {
    await page.getByLabel('Search').fill('massage');
    await page.getByText('1 appointment shown').waitFor({ state: 'attached' });
    expect(await page.getByRole('row').count()).toBe(2);
    await page.getByLabel('Search').fill('camille');
    await page.getByText('5 appointments shown').waitFor({ state: 'attached' });
    await page.getByLabel('Status').selectOption('pending');
    await page.getByText('2 appointments shown').waitFor({ state: 'attached' });
    await page.getByLabel('Type').selectOption('paid');
    await page.getByText('1 appointment shown').waitFor({ state: 'attached' });
    expect(new URL(page.url()).search).toBe('?q=camille&status=pending&type=paid&period=month');
    await page.getByLabel('Search').fill('nobody at all');
    await page.getByText('No appointment matches these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('5 appointments shown').waitFor({ state: 'attached' });
  });

  it('exports the filtered list as a CSV file that spreadsheets open with accents and quotes intact', async () => {
    await page.getByLabel('Status').selectOption('pending');
    await page.getByText('2 appointments shown').waitFor({ state: 'attached' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^appointments-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF"Date","Start","End","Title","Client"')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"Initial consultation","Camille Martin"');
    expect(lines[1]).toContain('"Pending","Paid","60.00","EUR","No","Olivia Owner"');
    expect(lines[1]).toMatch(/^"\d{2}\/\d{2}\/\d{4}","\d{2}:\d{2}","\d{2}:\d{2}"/);
    expect(lines[2]).toContain('"Bilan ""posture"", épaule"');
    await page.getByText('2 appointments exported.').waitFor();
    await page.getByLabel('Status').selectOption('');
  });

  it('confirms a request from the keyboard-driven action menu, then marks it completed', async () => {
    const menuButton = page.getByRole('button', { name: 'Actions for Initial consultation' });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Actions for Initial consultation' });
    await menu.waitFor();
    expect(await page.locator(':focus').textContent()).toBe('View details');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    expect(await page.locator(':focus').getAttribute('aria-label')).toBe('Actions for Initial consultation');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(':focus').textContent()).toBe('Confirm…');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Confirm the appointment' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Practitioner').inputValue()).not.toBe('');
    await lookAt(page, 'admin-appointment-confirm', { fullPage: false });
    await dialog.getByRole('button', { name: 'Confirm appointment' }).click();
    await page.getByText('“Initial consultation” is confirmed.').waitFor();
    await expect.poll(() => row('Initial consultation').innerText()).toContain('Confirmed');

    await menuButton.click();
    await menu.getByRole('menuitem', { name: 'Mark completed' }).click();
    await page.getByText('“Initial consultation” is marked completed.').waitFor();
    await expect.poll(() => row('Initial consultation').innerText()).toContain('Completed');
    await page.getByRole('group', { name: 'To confirm' }).getByText('1', { exact: true }).waitFor();
  });

  it('asks before cancelling, and keeps the appointment when told to', async () => {
    await page.getByRole('button', { name: 'Actions for Follow-up session' }).click();
    await page.getByRole('menuitem', { name: 'Cancel appointment…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await dialog.waitFor();
    expect(await page.locator(':focus').textContent()).toBe('Keep it');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await row('Follow-up session').innerText()).toContain('Confirmed');

    await page.getByRole('button', { name: 'Actions for Follow-up session' }).click();
    await page.getByRole('menuitem', { name: 'Cancel appointment…' }).click();
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByText('“Follow-up session” is cancelled.').waitFor();
    await expect.poll(() => row('Follow-up session').innerText()).toContain('Cancelled');
  });

  it('shows one card per appointment on a phone, with the same actions and the details', async () => {
    await page.setViewportSize(phone);
    const card = page.getByRole('listitem').filter({ hasText: 'Sports massage' });
    await card.waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await lookAt(page, 'admin-appointments');
    await card.getByRole('button', { name: 'Actions for Sports massage' }).click();
    await page.getByRole('menuitem', { name: 'View details' }).click();
    const details = page.getByRole('dialog', { name: 'Sports massage' });
    await details.waitFor();
    expect(await details.innerText()).toContain('Camille Martin');
    expect(await details.innerText()).toContain('€45.00');
    await lookAt(page, 'admin-appointment-details', { fullPage: false });
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    await page.setViewportSize(desktop);
  });
});
