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
  type Session,
  signIn,
  toast,
} from './fixtures.ts';

let client: Person & { id: string };
let session: Session;

const ctx = practiceForFile('Lakeside Osteopathy', async (practice, browser) => {
  client = await practice.addPerson('Nora Client');
  await book(practice, {
    title: 'Back pain follow-up',
    userId: client.id,
    notes: 'Staff only: prefers the ground-floor room',
    ...parisSlot('2030-01-15', '10:00'),
  });
  session = await signIn(browser, client);
});

describe('downloading my data from the profile page', () => {
  it('explains what the file holds, at desktop and phone widths', async () => {
    const { page } = session;
    await page.goto(appUrl('/dashboard/profile'));
    await page.getByRole('heading', { level: 2, name: 'Your data' }).waitFor();
    await page.getByRole('button', { name: 'Download my data' }).waitFor();
    await lookOnBoth(page, 'profile-my-data');
    await lookOnSmallPhone(page, 'profile-my-data');
  });

  it('downloads one JSON file holding the client’s appointment, without the staff note', async () => {
    const { page } = session;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);

    expect(download.suggestedFilename()).toMatch(/^rendezvous-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await readFile(await download.path(), 'utf8');
    const data = JSON.parse(text);
    expect(data.practice.name).toBe(ctx.practice.name);
    expect(data.account).toMatchObject({ name: client.name, email: client.email, role: 'client' });
    expect(data.appointments).toEqual([
      expect.objectContaining({ title: 'Back pain follow-up', history: [expect.anything()] }),
    ]);
    expect(text).not.toContain('Staff only');
    await toast(page, 'Your data was downloaded').waitFor();
    await dismissToasts(page);
  });

  it('is offered in French to a client who reads French', async () => {
    const { page } = session;
    await session.api('PATCH', '/api/me', { locale: 'fr' });
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Vos données' }).waitFor();
    await page.getByRole('button', { name: 'Télécharger mes données' }).waitFor();
    await lookOnBoth(page, 'profile-my-data-fr');
  });
});
