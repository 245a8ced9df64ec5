import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  appUrl,
  desktop,
  expectNoRawText,
  look,
  newContext,
  pageWidth,
  phone,
  practiceForFile,
} from './fixtures.ts';

const budgetBytes = 250 * 1024;

const ctx = practiceForFile('Lighthouse Clinic');

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

const nav = () => ctx.page.getByRole('navigation', { name: 'Main navigation' });

describe('the signed-in frame for an owner', () => {
  it('lists the client pages and the administration pages of this product, and nothing else', async () => {
    await ctx.page.goto(appUrl('/admin'));
    await ctx.page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const links = await nav().getByRole('link').allInnerTexts();
    expect(links).toEqual([
      'Overview',
      'Calendar',
      'Appointments',
      'Payments',
      'Company',
      'Profile',
      'Support',
      'Dashboard',
      'Appointments',
      'Products',
      'Organization',
      'Assistants',
      'Settings',
      'Legal & Compliance',
    ]);
    expect(await nav().getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page');
    expect(await ctx.page.getByTestId('tenant-name').innerText()).toBe('Lighthouse Clinic');
  });

  it('keeps the section highlighted on the calendar view of the appointments', async () => {
    await ctx.page.goto(appUrl('/admin/appointments'));
    await ctx.page.getByRole('link', { name: 'Calendar view' }).click();
    await ctx.page.waitForURL(appUrl('/admin/appointments/calendar'));
    const adminAppointments = nav().getByRole('link', { name: 'Appointments' }).nth(1);
    expect(await adminAppointments.getAttribute('aria-current')).toBe('page');
  });

  it('leads the spec’s API Management address to the assistants page', async () => {
    await ctx.page.goto(appUrl('/admin/api'));
    await ctx.page.waitForURL(appUrl('/admin/assistants'));
    await ctx.page.getByRole('heading', { level: 1, name: 'Assistants & API keys' }).waitFor();
  });

  it('loads the overview with at most 250 KB of compressed JavaScript, and admin pages only when opened', async () => {
    const { context: fresh, page: freshPage } = await newContext(ctx.browser);
    await fresh.addCookies(await ctx.practice.context.cookies());
    const first = await scriptsFetchedDuring(freshPage, async () => {
      await freshPage.goto(appUrl('/dashboard'));
      await freshPage.getByRole('heading', { level: 1 }).waitFor();
    });
    expect(first.gzipBytes).toBeLessThanOrEqual(budgetBytes);
    const settings = await scriptsFetchedDuring(freshPage, async () => {
      await freshPage.getByRole('link', { name: 'Settings', exact: true }).click();
      await freshPage.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    });
    expect(settings.files.length).toBeGreaterThan(0);
    expect(settings.files.filter((file) => first.files.includes(file))).toEqual([]);
    await fresh.close();
  });

  it('brings a signed-out visitor back to the admin page they asked for after signing in', async () => {
    const { context: visitor, page: visitorPage } = await newContext(ctx.browser, phone);
    await visitorPage.goto(appUrl('/admin/products'));
    await visitorPage.waitForURL(appUrl('/login?next=%2Fadmin%2Fproducts'));
    await visitorPage.getByLabel('Email').fill(ctx.practice.owner.email);
    await visitorPage.getByLabel('Password').fill(ctx.practice.owner.password);
    await visitorPage.getByRole('button', { name: 'Sign in' }).click();
    await visitorPage.waitForURL(appUrl('/admin/products'));
    await visitorPage.getByRole('heading', { level: 1, name: 'Products' }).waitFor();
    await visitor.close();
  });
});

describe('the administration in French', () => {
  it('shows every admin page in French, with French dates and money', async () => {
    await ctx.page.setViewportSize(phone);
    await ctx.page.goto(appUrl('/admin'));
    await ctx.page.getByRole('button', { name: 'Français' }).click();
    await ctx.page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    const month = new Intl.DateTimeFormat('fr-FR', {
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Paris',
    }).format(new Date());
    await ctx.page.getByText(`Lighthouse Clinic · ${month}`).waitFor();
    expect(await ctx.page.getByRole('group', { name: 'Chiffre d’affaires' }).innerText()).toMatch(/0,00\s€/);
    await look(ctx.page, 'admin-dashboard-fr');

    const pages = [
      { path: '/admin/appointments', heading: 'Rendez-vous', text: 'Exporter en CSV' },
      { path: '/admin/products', heading: 'Produits', text: 'Aucun produit pour l’instant.' },
      { path: '/admin/users', heading: 'Organisation', text: 'Ajouter une personne' },
      {
        path: '/admin/assistants',
        heading: 'Assistants et clés d’API',
        text: 'Aucun assistant pour l’instant.',
      },
      { path: '/admin/legal', heading: 'Juridique et conformité', text: 'Télécharger ses données' },
      {
        path: '/admin/settings',
        heading: 'Paramètres',
        text: 'Aucune fermeture ni horaire exceptionnel prévu.',
      },
    ];
    for (const { path, heading, text } of pages) {
      await ctx.page.goto(appUrl(path));
      await ctx.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await ctx.page.getByText(text, { exact: true }).first().waitFor();
      await expectNoRawText(ctx.page);
      expect(await pageWidth(ctx.page)).toBeLessThanOrEqual(phone.width);
    }
    await look(ctx.page, 'admin-settings-fr');
    await ctx.page.getByRole('button', { name: 'English' }).click();
    await ctx.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await ctx.page.setViewportSize(desktop);
  });
});
