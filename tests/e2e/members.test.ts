import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkA11y, launchBrowser, screenshot } from '../support/browser.ts';
import { logIn, newPage, type Person, signUp, uniquePerson } from './support.ts';

const baseUrl = inject('baseUrl');
const url = (path: string) => new URL(path, baseUrl).toString();

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([{ width: 1280 }, { width: 390 }])('the practice’s people at $width px', ({ width }) => {
  let context: BrowserContext;
  let page: Page;
  const owner = uniquePerson('Olivia Owner');
  const client = uniquePerson('Carl Client');

  beforeAll(async () => {
    ({ context, page } = await newPage(browser, width));
    await signUp(page, baseUrl, owner, `Quayside Clinic ${width}`);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('lists the owner with an Owner badge on the Organization page', async () => {
    await page.goto(url('/admin/users'));
    await page.getByRole('heading', { level: 1, name: 'Organization' }).waitFor();
    const row = page.getByRole('listitem').filter({ hasText: owner.email });
    await row.waitFor();
    expect(await row.textContent()).toContain('Owner');
    await screenshot(page, 'members');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('shows what is missing at each field of the Add person dialog', async () => {
    await page.getByRole('button', { name: 'Add person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    await dialog.waitFor();
    expect(await page.locator(':focus').getAttribute('autocomplete')).toBe('off');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.getByText('Enter a name.').waitFor();
    await dialog.getByText('Enter a valid email address.').waitFor();
    await dialog.getByText('Use at least 8 characters.').waitFor();
    await screenshot(page, 'add-person-errors', { fullPage: false });
    expect(await checkA11y(page)).toEqual([]);
  });

  it('adds a client, says so in a toast and shows them in the list', async () => {
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByLabel('Full name').fill(client.name);
    await dialog.getByLabel('Email').fill(client.email);
    await dialog.getByLabel('Temporary password').fill(client.password);
    await dialog.getByLabel('Phone (optional)').fill('+33 6 12 34 56 78');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await page.getByText(`${client.name} was added.`).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('listitem').filter({ hasText: client.email });
    await row.waitFor();
    expect(await row.textContent()).toContain('Client');
    await page.getByText('2 people').waitFor();
    await screenshot(page, 'members-with-client');
  });

  it('refuses a second person with the same email at the email field', async () => {
    await page.getByRole('button', { name: 'Add person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByLabel('Full name').fill('Carl Again');
    await dialog.getByLabel('Email').fill(client.email);
    await dialog.getByLabel('Temporary password').fill('another password 1');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.getByText('An account with this email already exists.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator(':focus').textContent()).toBe('Add person');
  });

  it('keeps a client out of administration with a friendly page and no admin links', async () => {
    const signedInClient: Person = client;
    const session = await newPage(browser, width);
    await logIn(session.page, baseUrl, signedInClient);
    expect(await session.page.getByText('Administration', { exact: true }).count()).toBe(0);
    await session.page.goto(url('/admin/users'));
    await session.page.getByRole('heading', { level: 1, name: 'This area is for administrators' }).waitFor();
    expect(await session.page.getByText(owner.email).count()).toBe(0);
    await screenshot(session.page, 'not-allowed');
    expect(await checkA11y(session.page)).toEqual([]);
    await session.context.close();
  });
});
