import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkA11y, launchBrowser, screenshot } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
const url = (path: string) => new URL(path, baseUrl).toString();
const pathOf = (page: Page) => {
  const current = new URL(page.url());
  return current.pathname + current.search;
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const viewports = [
  { width: 1280, height: 800, isPhone: false },
  { width: 390, height: 844, isPhone: true },
];

describe.each(viewports)('signing up, out and in at $width px', ({ width, height, isPhone }) => {
  let context: BrowserContext;
  let page: Page;
  const owner = {
    name: 'Jane Cooper',
    email: `jane.${width}.${Date.now()}@example.com`,
    password: 'a calm practice 42',
    practice: `Harbour Physio ${width}`,
  };

  beforeAll(async () => {
    context = await browser.newContext({
      viewport: { width, height },
      locale: 'en-GB',
      timezoneId: 'Europe/Paris',
    });
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
  });

  async function openAccountMenu() {
    await page.getByRole('button', { name: /Account menu/ }).click();
  }

  it('shows a sign-up page with no serious accessibility problem', async () => {
    await page.goto(url('/signup'));
    await page.getByRole('heading', { level: 1, name: 'Create your practice' }).waitFor();
    await screenshot(page, 'signup');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('names each missing field next to it when the sign-up form is sent empty', async () => {
    await page.getByRole('button', { name: 'Create my practice' }).click();
    await page.getByText('Enter a name.').waitFor();
    await page.getByText('Enter the name of your practice.').waitFor();
    await page.getByText('Enter a valid email address.').waitFor();
    await page.getByText('Use at least 8 characters.').waitFor();
    expect(pathOf(page)).toBe('/signup');
  });

  it('signs up a new practice and lands on its dashboard with the owner and practice named', async () => {
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Practice name').fill(owner.practice);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Create my practice' }).click();
    await page.waitForURL(url('/dashboard'));

    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toMatch(/Good (morning|afternoon|evening), Jane/);
    expect(await page.getByTestId('tenant-name').textContent()).toBe(owner.practice);
    expect(await page.getByRole('button', { name: /Account menu/ }).textContent()).toContain(owner.name);
    expect(await page.locator('main').textContent()).toContain('as owner');
    await screenshot(page, 'dashboard');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('refuses a second sign-up with the same email at the email field', async () => {
    // A signed-in visitor is sent on to the dashboard, so a fresh, signed-out context tries it.
    const guest = await browser.newContext({ viewport: { width, height } });
    const signup = await guest.newPage();
    await signup.goto(url('/signup'));
    await signup.getByLabel('Your name').fill('Someone Else');
    await signup.getByLabel('Practice name').fill('Another Practice');
    await signup.getByLabel('Email').fill(owner.email);
    await signup.getByLabel('Password').fill('another password 1');
    await signup.getByRole('button', { name: 'Create my practice' }).click();
    await signup.getByText('An account with this email already exists.').waitFor();
    expect(pathOf(signup)).toBe('/signup');
    await guest.close();
  });

  if (isPhone) {
    it('opens the navigation drawer from the menu button and closes it with Escape or its close button', async () => {
      const drawerLink = page.getByRole('dialog').getByRole('link', { name: 'Appointments' }).first();
      expect(await drawerLink.isVisible()).toBe(false);

      await page.getByRole('button', { name: 'Open menu' }).click();
      await drawerLink.waitFor({ state: 'visible' });
      await screenshot(page, 'drawer', { fullPage: false });
      expect(await page.locator(':focus').textContent()).toBe('Close menu');
      expect(await checkA11y(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await drawerLink.waitFor({ state: 'hidden' });
      expect(await page.locator(':focus').textContent()).toBe('Open menu');

      await page.getByRole('button', { name: 'Open menu' }).click();
      await page.getByRole('button', { name: 'Close menu' }).click();
      await drawerLink.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: 'Open menu' }).click();
      await drawerLink.click();
      await page.waitForURL(url('/dashboard/appointments'));
      await drawerLink.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { level: 1, name: 'Appointments' }).waitFor();
    });
  } else {
    it('shows the client links and, for the owner, the administration links in the sidebar', async () => {
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      for (const name of [
        'Overview',
        'Calendar',
        'Payments',
        'Profile',
        'Support',
        'Organization',
        'Settings',
      ]) {
        expect(await nav.getByRole('link', { name, exact: true }).isVisible()).toBe(true);
      }
      await nav.getByRole('link', { name: 'Calendar' }).click();
      await page.waitForURL(url('/dashboard/calendar'));
      await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    });
  }

  it('logs out from the account menu and lands on the login page', async () => {
    await openAccountMenu();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(url('/login'));
    await page.getByRole('heading', { level: 1, name: 'Welcome back' }).waitFor();
    // A signed-out visitor's login page asks nothing that fails: its console stays clean.
    const failures: string[] = [];
    const onResponse = (response: { status(): number; url(): string }) => {
      if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
    };
    const onConsole = (message: { type(): string; text(): string }) => {
      if (message.type() === 'error') failures.push(message.text());
    };
    page.on('response', onResponse);
    page.on('console', onConsole);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Welcome back' }).waitFor();
    await page.waitForLoadState('networkidle');
    page.off('response', onResponse);
    page.off('console', onConsole);
    expect(failures).toEqual([]);
    await screenshot(page, 'login');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('says kindly that the email and password do not match when the password is wrong', async () => {
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const message = await alert.textContent();
    expect(message).toContain('That email and password do not match');
    expect(message).not.toMatch(/[{}]|INVALID_EMAIL/);
    expect(pathOf(page)).toBe('/login');
    // Rendezvous sends no email: who to ask for a new password is said at the field.
    await page.getByText('Forgot it? Your practice can give you a new one.').waitFor();
    await screenshot(page, 'login-error');
  });

  it('logs in again and returns to the dashboard', async () => {
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(url('/dashboard'));
    expect(await page.getByTestId('tenant-name').textContent()).toBe(owner.practice);
  });

  it('sends a signed-in visitor of /login on to the dashboard', async () => {
    await page.goto(url('/login'));
    await page.waitForURL(url('/dashboard'));
  });

  it('sends a signed-out visitor to the login page, then back to the page they asked for', async () => {
    await openAccountMenu();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(url('/login'));

    await page.goto(url('/admin/users'));
    await page.waitForURL(url('/login?next=%2Fadmin%2Fusers'));
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(url('/admin/users'));
    await page.getByRole('heading', { level: 1, name: 'Organization' }).waitFor();
  });
});
