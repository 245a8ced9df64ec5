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
} from './admin-helpers.ts';

const baseUrl = inject('baseUrl');

let browser: Browser;
let practice: Practice;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  practice = await openPractice(browser, baseUrl, 'Harbour Physio');
  page = practice.page;
});
afterAll(async () => {
  await practice?.context.close();
  await browser?.close();
});

const card = (name: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });

describe('the products page', () => {
  it('invites the practice to add its first product', async () => {
    await page.goto(practice.url('/admin/products'));
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await page.getByText('No products yet.').waitFor();
    await lookAt(page, 'admin-products-empty');
  });

  it('says at each field what is missing or wrong in the product form', async () => {
    await page.getByRole('button', { name: 'New product' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.waitFor();
    expect(await page.locator(':focus').getAttribute('placeholder')).toBe('First consultation');
    await dialog.getByLabel('Duration (minutes)').fill('2');
    await dialog.getByLabel('Paid').check();
    await dialog.getByLabel('Amount').fill('abc');
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await dialog.getByText('Enter a name.').waitFor();
    await dialog.getByText('Enter a whole number of minutes between 5 and 1440.').waitFor();
    await dialog.getByText('Enter a price above zero, such as 50 or 49.90.').waitFor();
    await lookAt(page, 'admin-product-form-errors', { fullPage: false });
  });

  it('creates a paid product and shows it with its duration and price', async () => {
    const dialog = page.getByRole('dialog', { name: 'New product' });
    await dialog.getByLabel('Name').fill('First consultation');
    await dialog.getByLabel('Description (optional)').fill('A full assessment and a treatment plan.');
    await dialog.getByLabel('Duration (minutes)').fill('45');
    await dialog.getByLabel('Amount').fill('60,50');
    await dialog.getByRole('button', { name: 'Create product' }).click();
    await page.getByText('“First consultation” was created.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const text = await card('First consultation').innerText();
    expect(text).toContain('45 minutes');
    expect(text).toContain('€60.50');
    expect(text).toContain('Bookable');
    expect(text).toContain('A full assessment and a treatment plan.');
  });

  it('edits a product and hides it from booking from its menu', async () => {
    await practice.api('POST', '/api/admin/products', { name: 'Follow-up call', durationMinutes: 90 });
    await page.reload();
    await card('Follow-up call').waitFor();
    expect(await card('Follow-up call').innerText()).toContain('1 h 30');
    expect(await card('Follow-up call').innerText()).toContain('Free');

    await page.getByRole('button', { name: 'Actions for First consultation' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit product' });
    expect(await dialog.getByLabel('Amount').inputValue()).toBe('60.50');
    await dialog.getByLabel('Name').fill('First visit');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('“First visit” was saved.').waitFor();
    await card('First visit').waitFor();

    await page.getByRole('button', { name: 'Actions for Follow-up call' }).click();
    await page.getByRole('menuitem', { name: 'Hide from booking' }).click();
    await page.getByText('“Follow-up call” is hidden from booking.').waitFor();
    await expect.poll(() => card('Follow-up call').innerText()).toContain('Hidden');
    await expectNoRawText(page);
    await lookAt(page, 'admin-products');
  });

  it('shows the products one under the other on a phone', async () => {
    await page.setViewportSize(phone);
    await card('First visit').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await lookAt(page, 'admin-products');
    await page.setViewportSize(desktop);
  });

  it('deletes a product only after asking', async () => {
    await page.getByRole('button', { name: 'Actions for Follow-up call' }).click();
    await page.getByRole('menuitem', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this product?' });
    await dialog.waitFor();
    expect(await page.locator(':focus').textContent()).toBe('Keep it');
    await dialog.getByRole('button', { name: 'Delete product' }).click();
    await page.getByText('“Follow-up call” was deleted.').waitFor();
    await card('Follow-up call').waitFor({ state: 'detached' });
    expect(await card('First visit').count()).toBe(1);
  });
});
