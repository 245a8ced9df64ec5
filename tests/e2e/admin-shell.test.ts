import { gzipSync } from 'node:zlib';
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
const budgetBytes = 250 * 1024;

let browser: Browser;
let practice: Practice;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  practice = await openPractice(browser, baseUrl, 'Lighthouse Clinic');
  page = practice.page;
});
afterAll(async () => {
  await practice?.context.close();
  await browser?.close();
});

/** The JavaScript files a page fetches while `action` runs, with their gzip size. */
async function scriptsFetchedDuring(target: Page, action: () => Promise<void>) {
  const scripts = new Map<string, Promise<number>>();
  const onResponse = (response: import('playwright-core').Response) => {
    if (response.url().endsWith('.js')) {
      scripts.set(
        new URL(response.url()).pathname,
        response.body().then((body) => gzipSync(body, { level: 9 }).length),
      );
    }
  };
  target.on('response', onResponse);
  await action();
  await target.waitForLoadState('networkidle');
  target.off('response', onResponse);
  const sizes = await Promise.all(scripts.values());
  return { files: [...scripts.keys()], gzipBytes: sizes.reduce((a, b) => a + b, 0) };
}

const nav = () => page.getByRole('navigation', { name: 'Main navigation' });

describe('the signed-in frame for an owner', () => {
  it('lists the client pages and the administration pages of this product, and nothing else', async () => {
    await page.goto(practice.url('/admin'));
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const links = await nav().getByRole('link').allInnerTexts();
    expect(links).toEqual([
      'Overview',
      'Calendar',
      'Appointments',
      'Payments',
      'Profile',
      'Support',
      'Dashboard',
      'Appointments',
      'Products',
      'Organization',
      'Assistants',
      'Settings',
    ]);
    expect(await nav().getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('tenant-name').innerText()).toBe('Lighthouse Clinic');
  });

  it('keeps the section highlighted on the calendar view of the appointments', async () => {
    await page.goto(practice.url('/admin/appointments'));
    await page.getByRole('link', { name: 'Calendar view' }).click();
    await page.waitForURL(practice.url('/admin/appointments/calendar'));
    const adminAppointments = nav().getByRole('link', { name: 'Appointments' }).nth(1);
    expect(await adminAppointments.getAttribute('aria-current')).toBe('page');
  });

  it('leads the spec’s API Management address to the assistants page', async () => {
    await page.goto(practice.url('/admin/api'));
    await page.waitForURL(practice.url('/admin/assistants'));
    await page.getByRole('heading', { level: 1, name: 'Assistants & API keys' }).waitFor();
  });

  it('loads the overview with at most 250 KB of compressed JavaScript, and admin pages only when opened', async () => {
    const fresh = await browser.newContext({
      viewport: desktop,
      locale: 'en-GB',
      timezoneId: 'Europe/Paris',
    });
    await fresh.addCookies(await practice.context.cookies());
    const freshPage = await fresh.newPage();
    const first = await scriptsFetchedDuring(freshPage, async () => {
      await freshPage.goto(practice.url('/dashboard'));
      await freshPage.getByRole('heading', { level: 1 }).waitFor();
    });
    expect(first.gzipBytes).toBeLessThanOrEqual(budgetBytes);
    const settings = await scriptsFetchedDuring(freshPage, async () => {
      await freshPage.getByRole('link', { name: 'Settings' }).click();
      await freshPage.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    });
    expect(settings.files.length).toBeGreaterThan(0);
    expect(settings.files.filter((file) => first.files.includes(file))).toEqual([]);
    await fresh.close();
  });

  it('brings a signed-out visitor back to the admin page they asked for after signing in', async () => {
    const visitor = await browser.newContext({
      viewport: phone,
      locale: 'en-GB',
      timezoneId: 'Europe/Paris',
    });
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(practice.url('/admin/products'));
    await visitorPage.waitForURL(practice.url('/login?next=%2Fadmin%2Fproducts'));
    await visitorPage.getByLabel('Email').fill(practice.owner.email);
    await visitorPage.getByLabel('Password').fill(practice.owner.password);
    await visitorPage.getByRole('button', { name: 'Sign in' }).click();
    await visitorPage.waitForURL(practice.url('/admin/products'));
    await visitorPage.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await visitor.close();
  });
});

describe('the administration in French', () => {
  it('shows every admin page in French, with French dates and money', async () => {
    await page.setViewportSize(phone);
    await page.goto(practice.url('/admin'));
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    const month = new Intl.DateTimeFormat('fr-FR', {
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Paris',
    }).format(new Date());
    await page.getByText(`Lighthouse Clinic · ${month}`).waitFor();
    expect(await page.getByRole('group', { name: 'Chiffre d’affaires' }).innerText()).toMatch(/0,00\s€/);
    await expectNoRawText(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    await lookAt(page, 'admin-dashboard-fr');

    const pages = [
      { path: '/admin/appointments', heading: 'Rendez-vous', text: 'Exporter en CSV' },
      { path: '/admin/products', heading: 'Produits', text: 'Aucun produit pour l’instant.' },
      { path: '/admin/users', heading: 'Organisation', text: 'Ajouter une personne' },
      {
        path: '/admin/assistants',
        heading: 'Assistants et clés d’API',
        text: 'Aucun assistant pour l’instant.',
      },
      { path: '/admin/settings', heading: 'Paramètres', text: 'Lundi' },
    ];
    for (const { path, heading, text } of pages) {
      await page.goto(practice.url(path));
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByText(text, { exact: true }).first().waitFor();
      await expectNoRawText(page);
      expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width);
    }
    await lookAt(page, 'admin-settings-fr');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.setViewportSize(desktop);
  });
});
