import { describe, expect, it } from 'vitest';
import {
  appUrl,
  desktop,
  look,
  lookOnBoth,
  type Person,
  practiceForFile,
  signIn,
  smallPhone,
} from './fixtures.ts';

/** An iPhone SE: as narrow, and shorter. */
const shortPhone = { width: 375, height: 667 };

let withCompany: Person;
let withoutCompany: Person;
const ctx = practiceForFile('Quayside Clinic', async (practice, browser) => {
  withCompany = await practice.addPerson('Camille Durand');
  withoutCompany = await practice.addPerson('Paul Private');
  // Recorded by the client on their own Company page; here through the same API call.
  const client = await signIn(browser, withCompany);
  await client.api('PUT', '/api/me/company', {
    legalName: 'Van Damme & Peeters Consulting Services BV',
    taxId: 'BE0123456789',
    addressLine1: 'Rue de la Loi 16',
    addressLine2: 'Boîte 3',
    zipcode: '1000',
    city: 'Brussels',
    country: 'BE',
  });
  await client.close();
});

/** A person's row in the list, named 'People of the practice' in English. */
const row = (text: string, list = 'People of the practice') =>
  ctx.page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: text });

describe('the company a client’s invoices are made out to, on the Organization page', () => {
  it('shows it under the client’s name, and nothing for a client without one', async () => {
    await ctx.page.goto(appUrl('/admin/users'));
    await ctx.page.getByRole('heading', { level: 1, name: 'Organization' }).waitFor();
    const client = row(withCompany.email);
    await client.getByRole('img', { name: 'Invoiced company' }).waitFor();
    const line = await client.innerText();
    expect(line).toContain('Van Damme & Peeters Consulting Services BV');
    expect(line).toContain('Brussels, Belgium');
    for (const person of [withoutCompany, ctx.practice.owner]) {
      expect(await row(person.email).getByRole('img', { name: 'Invoiced company' }).count()).toBe(0);
      expect(await row(person.email).innerText()).not.toContain('Van Damme');
    }
    await lookOnBoth(ctx.page, 'members-company');
  });

  it('keeps the whole legal name and the town readable on a small phone', async () => {
    await ctx.page.setViewportSize(smallPhone);
    const name = row(withCompany.email).getByText('Van Damme & Peeters Consulting Services BV');
    // Wrapped, never cut with an ellipsis.
    expect(await name.evaluate((text) => text.scrollWidth <= text.clientWidth)).toBe(true);
    expect(await row(withCompany.email).getByText('Brussels, Belgium').isVisible()).toBe(true);
    await look(ctx.page, 'members-company');
    await ctx.page.setViewportSize(desktop);
  });

  it('shows all of it in the client’s details, for staff to read but not to change', async () => {
    await row(withCompany.email)
      .getByRole('button', { name: `Actions for ${withCompany.name}` })
      .click();
    await ctx.page.getByRole('menuitem', { name: 'Edit details…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: `Details of ${withCompany.name}` });
    const company = dialog.getByRole('region', { name: 'Invoiced company' });
    await company.waitFor();
    const details = await company.innerText();
    for (const text of [
      'Van Damme & Peeters Consulting Services BV',
      'BE0123456789',
      'Rue de la Loi 16',
      'Boîte 3',
      '1000 Brussels, Belgium',
      `${withCompany.name} keeps these details on their Company page: the practice cannot change them.`,
    ])
      expect(details).toContain(text);
    // Only the name and phone are fields: nothing of the company can be typed over.
    expect(await dialog.getByRole('textbox').count()).toBe(2);
    await lookOnBoth(ctx.page, 'member-company-details', { fullPage: false });
    // On a short phone (an iPhone SE) the details scroll and the buttons stay on the screen.
    await ctx.page.setViewportSize(shortPhone);
    const cancel = await dialog.getByRole('button', { name: 'Cancel' }).boundingBox();
    expect((cancel?.y ?? Infinity) + (cancel?.height ?? 0)).toBeLessThanOrEqual(shortPhone.height);
    await look(ctx.page, 'member-company-details', { fullPage: false });
    await ctx.page.setViewportSize(desktop);
    await ctx.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('says nothing of a company in the details of a client without one', async () => {
    await row(withoutCompany.email)
      .getByRole('button', { name: `Actions for ${withoutCompany.name}` })
      .click();
    await ctx.page.getByRole('menuitem', { name: 'Edit details…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: `Details of ${withoutCompany.name}` });
    await dialog.getByLabel('Full name').waitFor();
    expect(await dialog.getByText('Invoiced company').count()).toBe(0);
    await ctx.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('names the company’s country in French for a French reader', async () => {
    await ctx.practice.api('PATCH', '/api/me', { locale: 'fr' });
    await ctx.page.reload();
    await ctx.page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    const client = row(withCompany.email, 'Personnes du cabinet');
    await client.getByRole('img', { name: 'Société facturée' }).waitFor();
    expect(await client.innerText()).toContain('Brussels, Belgique');
    await lookOnBoth(ctx.page, 'members-company-fr');
    await client.getByRole('button', { name: `Actions pour ${withCompany.name}` }).click();
    await ctx.page.getByRole('menuitem', { name: 'Modifier les coordonnées…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: `Coordonnées de ${withCompany.name}` });
    const details = await dialog.getByRole('region', { name: 'Société facturée' }).innerText();
    expect(details).toContain('1000 Brussels, Belgique');
    expect(details).toContain('N° de TVA ou fiscal');
    await lookOnBoth(ctx.page, 'member-company-details-fr', { fullPage: false });
  });
});
