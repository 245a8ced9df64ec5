import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  appUrl,
  book,
  dismissToasts,
  lookOnBoth,
  lookOnSmallPhone,
  type Person,
  parisSlot,
  practiceForFile,
  toast,
} from './fixtures.ts';

let nora: Person & { id: string };

const ctx = practiceForFile('Riverside Physiotherapy', async (practice) => {
  nora = await practice.addPerson('Nora Lindqvist');
  const other = await practice.addPerson('Paul Marchand');
  await book(practice, {
    title: 'Knee rehabilitation',
    userId: nora.id,
    notes: 'Staff only: prefers the ground-floor room',
    ...parisSlot('2030-01-15', '10:00'),
  });
  await book(practice, { title: 'Shoulder check', userId: other.id, ...parisSlot('2030-01-16', '10:00') });
});

const nav = () => ctx.page.getByRole('navigation', { name: 'Main navigation' });

describe('answering a client’s request for their data, on Legal & Compliance', () => {
  it('opens from the sidebar with the people of the practice and what Rendezvous keeps', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/admin'));
    await nav().getByRole('link', { name: 'Legal & Compliance' }).click();
    await page.waitForURL(appUrl('/admin/legal'));
    await page.getByRole('heading', { level: 1, name: 'Legal & Compliance' }).waitFor();
    expect(await nav().getByRole('link', { name: 'Legal & Compliance' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await page.getByRole('heading', { level: 2, name: 'Requests for personal data' }).waitFor();
    await page.getByRole('radio', { name: /Nora Lindqvist/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'What Rendezvous keeps' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Never stored in clear' }).waitFor();
    expect(await page.getByRole('button', { name: 'Download their data' }).isDisabled()).toBe(true);
    await lookOnBoth(page, 'admin-legal');
    await lookOnSmallPhone(page, 'admin-legal');
  });

  it('downloads the client’s own file, with their appointment and without the staff note', async () => {
    const { page } = ctx;
    await page.getByRole('searchbox', { name: 'Find the person' }).fill('nora');
    expect(await page.getByRole('radio').count()).toBe(1);
    await page.getByRole('radio', { name: /Nora Lindqvist/ }).check();
    await page.getByText('For Nora Lindqvist.').waitFor();
    await lookOnBoth(page, 'admin-legal-picked');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download their data' }).click(),
    ]);

    expect(download.suggestedFilename()).toMatch(/^rendezvous-data-nora-lindqvist-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await readFile(await download.path(), 'utf8');
    const data = JSON.parse(text);
    expect(data.practice.name).toBe(ctx.practice.name);
    expect(data.account).toMatchObject({ id: nora.id, name: nora.name, email: nora.email, role: 'client' });
    expect(data.appointments).toEqual([
      expect.objectContaining({ title: 'Knee rehabilitation', history: [expect.anything()] }),
    ]);
    expect(text).not.toContain('Staff only');
    expect(text).not.toContain('Shoulder check');
    await toast(page, 'The data of Nora Lindqvist was downloaded').waitFor();
    await dismissToasts(page);
  });

  it('reads in French', async () => {
    const { page } = ctx;
    await ctx.practice.api('PATCH', '/api/me', { locale: 'fr' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Juridique et conformité' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Demandes de données personnelles' }).waitFor();
    await page.getByRole('button', { name: 'Télécharger ses données' }).waitFor();
    await lookOnBoth(page, 'admin-legal-fr');
    await ctx.practice.api('PATCH', '/api/me', { locale: 'en' });
  });
});
