import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkA11y } from '../support/browser.ts';
import {
  addClient,
  appUrl,
  browserForFile,
  capture,
  dismissToasts,
  emulator,
  newPage,
  toast,
} from './dashboard-fixtures.ts';
import { logIn, signUp, uniquePerson } from './support.ts';

const baseUrl = inject('baseUrl');
const googleUrl = inject('googleUrl');
const microsoftUrl = inject('microsoftUrl');
const url = appUrl;
const settings = '/dashboard/calendar/settings';

const browser = browserForFile();

/** Spec 001 "Calendar Connections": connect Google and Outlook by OAuth, follow the sync, disconnect. */
describe.each([{ width: 1280 }, { width: 390 }])('calendar connections at $width px', ({ width }) => {
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

  async function consentOnGoogle(decision: 'Allow' | 'Cancel') {
    await page.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await page.waitForURL((u) => u.href.startsWith(googleUrl));
    await page.locator('input[name="email"]').fill(owner.email);
    await page.getByRole('button', { name: decision }).click();
    await page.waitForURL((u) => u.pathname === settings);
  }

  it('offers to connect each provider, and shows automatic sync', async () => {
    await page.goto(url(settings));
    await page.getByRole('heading', { level: 1, name: 'Calendar connections' }).waitFor();
    await page.getByText('Calendars are synced every 5 minutes in the background.').waitFor();
    expect(await page.getByText('Not connected.').count()).toBe(2);
    await capture(page, 'calendar-settings-empty');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('says why nothing was connected when consent is refused or the answer is not valid', async () => {
    await consentOnGoogle('Cancel');
    await toast(page, 'Access was not granted, so nothing was connected.').waitFor();
    await page.waitForURL(url(settings));
    for (const [error, message] of [
      ['state_expired', 'The connection took too long and expired. Start again.'],
      ['invalid_state', 'The connection could not be verified. Start again from this page.'],
      ['exchange_failed', 'The calendar service did not complete the connection. Try again.'],
    ]) {
      await page.goto(url(`${settings}?error=${error}`));
      await toast(page, message).waitFor();
    }
  });

  it('connects Google, syncs it now and shows when and how it went', async () => {
    await consentOnGoogle('Allow');
    await toast(page, 'Google Calendar connected').waitFor();
    const connection = page.locator('[data-connection-status="active"]');
    await connection.waitFor();
    expect(await connection.textContent()).toContain(owner.email);
    expect(await connection.textContent()).toContain('Not synced yet');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await toast(page, '0 appointments synced successfully').waitFor();
    await connection.getByText('0 new, 0 updated, 0 cancelled').waitFor();
    expect(await connection.textContent()).toMatch(/Last synced \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
    await capture(page, 'calendar-settings-connected');
    expect(await checkA11y(page)).toEqual([]);
  });

  it('connects Outlook through Microsoft’s consent page', async () => {
    const mailbox = `olivia.${width}.${Date.now()}@contoso.example`;
    await emulator(microsoftUrl, 'POST', 'users', { mail: mailbox, displayName: 'Olivia Owner' });
    await page.getByRole('button', { name: 'Connect Microsoft Outlook' }).click();
    await page.waitForURL((u) => u.href.startsWith(microsoftUrl));
    await page.locator('select[name="account"]').selectOption({ label: `Olivia Owner <${mailbox}>` });
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.waitForURL((u) => u.pathname === settings);
    await toast(page, 'Microsoft Outlook connected').waitFor();
    await page.locator('[data-connection-status="active"]').filter({ hasText: mailbox }).waitFor();
  });

  it('says plainly that an expired connection stopped syncing, and offers Reconnect', async () => {
    await emulator(googleUrl, 'POST', 'revoke', { email: owner.email });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await toast(page, 'Your Google Calendar connection has expired. Reconnect it to sync.').waitFor();
    const expired = page.locator('[data-connection-status="expired"]');
    await expired.waitFor();
    expect(await expired.textContent()).toContain(
      'Access to Google Calendar has expired, so syncing has stopped.',
    );
    expect(await expired.getByRole('button', { name: 'Reconnect' }).count()).toBe(1);
    await capture(page, 'calendar-settings-expired');
  });

  it('disconnects only after asking', async () => {
    const expired = page.locator('[data-connection-status="expired"]');
    await expired.getByRole('button', { name: /Disconnect/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect Google Calendar?' });
    await dialog.waitFor();
    expect(await page.locator(':focus').textContent()).toBe('Keep connected');
    await capture(page, 'calendar-settings-disconnect', { fullPage: false });
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await toast(page, 'Google Calendar disconnected').waitFor();
    await page.getByRole('button', { name: 'Connect Google Calendar' }).waitFor();
  });

  it('lets staff stop and start automatic sync, and tells clients who decides', async () => {
    await dismissToasts(page);
    await page.getByRole('button', { name: 'Stop automatic sync' }).click();
    await toast(page, 'Automatic sync stopped').waitFor();
    await dismissToasts(page);
    await page.getByText('Calendars are synced only when someone presses Sync.').waitFor();
    await page.getByRole('button', { name: 'Start automatic sync' }).click();
    await toast(page, 'Automatic sync started').waitFor();

    const client = await addClient(page, baseUrl, 'Jean Dupont');
    const session = await newPage(browser(), width);
    await logIn(session.page, baseUrl, client);
    await session.page.goto(url(settings));
    await session.page.getByText('Your practice’s administrators turn automatic sync on or off.').waitFor();
    expect(await session.page.getByRole('button', { name: /automatic sync/ }).count()).toBe(0);
    await session.context.close();
  });
});
