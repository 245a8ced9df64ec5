import { describe, expect, it } from 'vitest';
import { checkA11y, screenshot } from '../support/browser.ts';
import { appUrl, browserForFile, newContext, phone, uniquePerson } from './fixtures.ts';

const browser = browserForFile();

describe('choosing the language', () => {
  const owner = uniquePerson('Camille Martin');

  it('switches the login page to French and remembers it on this device', async () => {
    const { context, page } = await newContext(browser(), phone);
    await page.goto(appUrl('/login'));
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bon retour parmi nous' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Bon retour parmi nous' }).waitFor();
    await context.close();
  });

  it('keeps the language chosen at sign-up in the account, so another device opens in it', async () => {
    const first = await newContext(browser(), phone);
    await first.page.goto(appUrl('/signup'));
    await first.page.getByRole('button', { name: 'Français' }).click();
    await first.page.getByLabel('Votre nom').fill(owner.name);
    await first.page.getByLabel('Nom du cabinet').fill('Kiné du Port');
    await first.page.getByLabel('E-mail').fill(owner.email);
    await first.page.getByLabel('Mot de passe').fill(owner.password);
    // The new account has no language yet: the dashboard saves the one chosen here.
    const localeSaved = first.page.waitForResponse(
      (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH' && r.ok(),
    );
    await first.page.getByRole('button', { name: 'Créer mon cabinet' }).click();
    await first.page.waitForURL(appUrl('/dashboard'));
    await first.page.getByText('Votre espace chez Kiné du Port, en tant que propriétaire.').waitFor();
    await screenshot(first.page, 'dashboard-fr');
    expect(await checkA11y(first.page)).toEqual([]);
    await localeSaved;
    await first.context.close();

    const second = await newContext(browser());
    await second.page.goto(appUrl('/login'));
    await second.page.getByLabel('Email').fill(owner.email);
    await second.page.getByLabel('Password').fill(owner.password);
    await second.page.getByRole('button', { name: 'Sign in' }).click();
    await second.page.waitForURL(appUrl('/dashboard'));
    await second.page.getByRole('link', { name: 'Vue d’ensemble' }).waitFor();
    expect(await second.page.getAttribute('html', 'lang')).toBe('fr');

    const englishSaved = second.page.waitForResponse(
      (r) => r.url().endsWith('/api/me') && r.request().method() === 'PATCH' && r.ok(),
    );
    await second.page.getByRole('button', { name: 'English' }).click();
    await englishSaved;
    await second.page.getByRole('link', { name: 'Overview' }).waitFor();
    await second.context.close();
  });
});
