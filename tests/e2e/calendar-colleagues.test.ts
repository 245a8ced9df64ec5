import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import {
  appUrl,
  emulator,
  lookOnBoth,
  type Person,
  practiceForFile,
  type Session,
  signIn,
  toast,
} from './fixtures.ts';

const googleUrl = inject('googleUrl');
const settings = '/dashboard/calendar/settings';

let colleague: Person & { id: string };
let hugo: Session;
let ines: Session;

const ctx = practiceForFile('Two Doctors Practice', async (practice, browser) => {
  colleague = await practice.addPerson('Dr Hugo Leroy', 'admin');
  hugo = await signIn(browser, colleague);
  ines = await signIn(browser, await practice.addPerson('Dr Ines Martin', 'admin'));
});

async function connectGoogle(page: Page, email: string, outcome = 'Google Calendar connected') {
  await page.goto(appUrl(settings));
  await page.getByRole('button', { name: 'Connect Google Calendar' }).click();
  await page.waitForURL((u) => u.href.startsWith(googleUrl));
  await page.locator('input[name="email"]').fill(email);
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((u) => u.pathname === settings);
  await toast(page, outcome).waitFor();
}

/** Each practitioner connects their own calendar, even once a colleague has connected theirs. */
describe('calendars of a practice with several practitioners', () => {
  it('lets a second practitioner connect their own calendar beside the owner’s, and reconnect only theirs', async () => {
    const { owner } = ctx.practice;
    await connectGoogle(ctx.page, owner.email);

    const { page } = hugo;
    await page.goto(appUrl(settings));
    const ownersRow = page.locator('[data-connection-status="active"]').filter({ hasText: owner.email });
    await ownersRow.getByText(`Connected by ${owner.name}`).waitFor();
    await page
      .getByText('Your own calendar is not connected: your appointments go to it once it is.')
      .waitFor();
    await lookOnBoth(page, 'calendar-settings-colleague');

    await connectGoogle(page, colleague.email);
    const hugosRow = page.locator('[data-connection-status="active"]').filter({ hasText: colleague.email });
    await hugosRow.waitFor();
    // His own: not labelled as someone else's; and no second Connect for Google.
    expect(await hugosRow.getByText('Connected by').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Connect Google Calendar' }).count()).toBe(0);

    // The owner's access expires: Hugo is told who can reconnect it, and not offered to himself.
    await emulator(googleUrl, 'POST', 'revoke', { email: owner.email });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await toast(
      page,
      `The Google Calendar connection of ${owner.email} has expired: only its owner can reconnect it`,
    ).waitFor();
    const expired = page.locator('[data-connection-status="expired"]');
    await expired
      .getByText(`Only ${owner.name} can reconnect it`, { exact: false })
      .waitFor({ timeout: 15_000 });
    expect(await expired.getByRole('button', { name: 'Reconnect' }).count()).toBe(0);
    await lookOnBoth(page, 'calendar-settings-colleague-expired');

    // The owner still can, from the same page.
    await ctx.page.goto(appUrl(settings));
    await ctx.page
      .locator('[data-connection-status="expired"]')
      .getByRole('button', { name: 'Reconnect' })
      .waitFor();
  });

  it('does not connect a calendar a colleague has connected already, and says why', async () => {
    const { owner } = ctx.practice;
    const { page } = ines;
    // The owner's calendar, connected by the owner in the test above.
    await connectGoogle(
      page,
      owner.email,
      'This calendar is already connected in your practice, by a colleague or as the shared calendar.',
    );
    // Still free to connect a calendar of her own.
    await page.getByRole('button', { name: 'Connect Google Calendar' }).waitFor();
    await lookOnBoth(page, 'calendar-settings-already-connected');
  });
});
