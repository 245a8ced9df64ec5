import { describe, expect, it } from 'vitest';
import {
  appUrl,
  dismissToasts,
  lookOnBoth,
  practiceForFile,
  type Session,
  signIn,
  toast,
} from './fixtures.ts';

let client: Session;
const ctx = practiceForFile('Quayside Clinic', async (practice, browser) => {
  client = await signIn(browser, await practice.addPerson('Camille Durand'));
});

describe('the company management page', () => {
  it('lets a client record the company their invoices are made out to, keep it, and remove it', async () => {
    const { page } = client;
    await page.goto(appUrl('/dashboard'));
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Company' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Company details' }).waitFor();
    await page.getByText('No company yet').waitFor();
    await lookOnBoth(page, 'company-empty');

    // What is missing is said at its field.
    await page.getByLabel('Legal name').fill('Durand Conseil SAS');
    await page.getByRole('button', { name: 'Save company details' }).click();
    await page.getByText('Enter the street address.').waitFor();
    await page.getByText('Choose the country.').waitFor();
    await lookOnBoth(page, 'company-errors');

    await page.getByLabel('VAT or tax number (optional)').fill('FR12345678901');
    await page.getByLabel('Address', { exact: true }).fill('8 quai des Chartrons');
    await page.getByLabel('Postcode (optional)').fill('33000');
    await page.getByLabel('City').fill('Bordeaux');
    await page.getByLabel('Country').selectOption({ label: 'France' });
    await page.getByRole('button', { name: 'Save company details' }).click();
    await toast(page, 'Your company details were saved. Your next invoices are made out to it.').waitFor();

    // Another visit reads it back from the server.
    await page.reload();
    await page.getByText('On your invoices', { exact: true }).waitFor();
    expect(await page.getByLabel('Legal name').inputValue()).toBe('Durand Conseil SAS');
    expect(await page.getByLabel('City').inputValue()).toBe('Bordeaux');
    expect(await page.getByLabel('Country').inputValue()).toBe('FR');
    expect(await client.api('GET', '/api/me/company')).toMatchObject({
      legalName: 'Durand Conseil SAS',
      taxId: 'FR12345678901',
      addressLine2: null,
      country: 'FR',
    });
    // The practice sees it with the client.
    const members = await ctx.practice.api<{ name: string; company: unknown }[]>('GET', '/api/admin/users');
    expect(members.find((member) => member.name === 'Camille Durand')?.company).toMatchObject({
      legalName: 'Durand Conseil SAS',
    });
    await dismissToasts(page);
    await lookOnBoth(page, 'company-saved');

    await page.getByRole('button', { name: 'Remove company details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove your company details?' });
    await lookOnBoth(page, 'company-remove-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await toast(page, 'Company details removed. Your next invoices are made out to you.').waitFor();
    await page.getByText('No company yet').waitFor();
    expect(await page.getByLabel('Legal name').inputValue()).toBe('');
    expect(await client.api('GET', '/api/me/company')).toBeNull();
  });

  it('names the countries in French for a French reader', async () => {
    const { page } = client;
    await client.api('PATCH', '/api/me', { locale: 'fr' });
    await page.goto(appUrl('/dashboard/company-management'));
    await page.getByRole('heading', { level: 1, name: 'Société' }).waitFor();
    await page.getByLabel('Pays').selectOption({ label: 'Allemagne' });
    expect(await page.getByLabel('Pays').inputValue()).toBe('DE');
    await lookOnBoth(page, 'company-fr');
  });
});
