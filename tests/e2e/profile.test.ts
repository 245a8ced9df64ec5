import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkA11y } from '../support/browser.ts';
import { appUrl, browserForFile, capture, dismissToasts, newPage, toast } from './dashboard-fixtures.ts';
import { signUp, uniquePerson } from './support.ts';

const baseUrl = inject('baseUrl');
const url = appUrl;

const browser = browserForFile();

describe.each([{ width: 1280 }, { width: 390 }])('the profile page at $width px', ({ width }) => {
  let context: BrowserContext;
  let page: Page;
  const owner = uniquePerson('Olivia Owner');

  beforeAll(async () => {
    ({ context, page } = await newPage(browser(), width));
    await signUp(page, baseUrl, owner, `Harbour Physio ${width}`);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows the account and refuses an empty name at its field', async () => {
    await page.goto(url('/dashboard/profile'));
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(owner.email);
    await page.getByLabel('Full name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Enter your name.').waitFor();
    await capture(page, 'profile');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('makes a private calendar subscription address, shown once, that calendar apps can read', async () => {
    await page.getByLabel('Full name').fill(owner.name);
    await page.getByRole('button', { name: 'Make my address' }).click();
    await toast(page, 'Your calendar address is ready').waitFor();
    const address = await page.getByLabel('Your private address').inputValue();
    expect(address).toMatch(/\/api\/calendar-feed\/.+\.ics$/);
    const feed = await page.request.get(address);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await capture(page, 'profile-calendar-feed');
    expect(await checkA11y(page)).toEqual([]);
    await dismissToasts(page);

    await page.getByRole('button', { name: 'Turn off' }).click();
    await page
      .getByRole('dialog', { name: 'Turn off your calendar subscription?' })
      .getByRole('button', { name: 'Turn off' })
      .click();
    await toast(page, 'Calendar subscription turned off').waitFor();
    expect((await page.request.get(address)).status()).toBe(404);
    await page.getByRole('button', { name: 'Make my address' }).waitFor();
  });

  it('saves the name, phone and language, and the interface follows in French', async () => {
    await page.getByLabel('Full name').fill('Olivia Martin');
    await page.getByLabel('Phone (optional)').fill('+33 6 12 34 56 78');
    await page.getByRole('radio', { name: 'Français' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Votre profil a été enregistré.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Profil' }).waitFor();
    await page.reload();
    expect(await page.getByLabel('Nom complet').inputValue()).toBe('Olivia Martin');
    expect(await page.getByLabel('Téléphone (facultatif)').inputValue()).toBe('+33 6 12 34 56 78');
    expect(await page.getByRole('radio', { name: 'Français' }).isChecked()).toBe(true);
    await capture(page, 'profile-fr');
  });
});
