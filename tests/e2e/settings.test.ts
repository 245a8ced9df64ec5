import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { CalendarStatus } from '../../src/shared/calendar.ts';
import {
  appUrl,
  book,
  dismissToasts,
  emulator,
  lookOnBoth,
  parisSlot,
  practiceForFile,
  signIn,
  toast,
} from './fixtures.ts';

const googleUrl = inject('googleUrl');
const microsoftUrl = inject('microsoftUrl');
const settings = '/dashboard/calendar/settings';

const ctx = practiceForFile('Harbour Physio');

async function consentOnGoogle(page: Page, decision: 'Allow' | 'Cancel') {
  await page.getByRole('button', { name: 'Connect Google Calendar' }).click();
  await page.waitForURL((u) => u.href.startsWith(googleUrl));
  await page.locator('input[name="email"]').fill(ctx.practice.owner.email);
  await page.getByRole('button', { name: decision }).click();
  await page.waitForURL((u) => u.pathname === settings);
}

/** Spec 001 "Calendar Connections": connect Google and Outlook by OAuth, follow the sync, disconnect. */
describe('calendar connections', () => {
  it('offers to connect each provider, and shows automatic sync', async () => {
    const { page } = ctx;
    await page.goto(appUrl(settings));
    await page.getByRole('heading', { level: 1, name: 'Calendar connections' }).waitFor();
    // Nothing connected yet: automatic sync waits for a calendar instead of claiming to run.
    await page
      .getByText('Connect a calendar above: it is then synced every 5 minutes in the background.')
      .waitFor();
    expect(await page.getByText('Not connected.').count()).toBe(2);
    await lookOnBoth(page, 'calendar-settings-empty');
  });

  it('says why nothing was connected when consent is refused or the answer is not valid', async () => {
    const { page } = ctx;
    await consentOnGoogle(page, 'Cancel');
    await toast(page, 'Access was not granted, so nothing was connected.').waitFor();
    await page.waitForURL(appUrl(settings));
    for (const [error, message] of [
      ['state_expired', 'The connection took too long and expired. Start again.'],
      ['invalid_state', 'The connection could not be verified. Start again from this page.'],
      ['exchange_failed', 'The calendar service did not complete the connection. Try again.'],
    ]) {
      await page.goto(appUrl(`${settings}?error=${error}`));
      await toast(page, message).waitFor();
    }
  });

  it('connects Google, syncs it now and shows when and how it went', async () => {
    const { page } = ctx;
    await consentOnGoogle(page, 'Allow');
    await toast(page, 'Google Calendar connected').waitFor();
    const connection = page.locator('[data-connection-status="active"]');
    await connection.waitFor();
    expect(await connection.textContent()).toContain(ctx.practice.owner.email);
    expect(await connection.textContent()).toContain('Not synced yet');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await toast(page, 'Already up to date: nothing new to sync').waitFor();
    await connection.getByText('0 new, 0 updated, 0 cancelled').waitFor();
    expect(await connection.textContent()).toMatch(/Last synced \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
    await lookOnBoth(page, 'calendar-settings-connected');
  });

  it('shows an appointment Google refused, on the overview too, and sends it again', async () => {
    const { page, practice } = ctx;
    // The calendar is shared read-only: Google refuses the next event written to it, for good.
    await emulator(googleUrl, 'POST', 'faults', {
      method: 'POST',
      path: '/events$',
      status: 403,
      reason: 'requiredAccessLevel',
      times: 1,
    });
    await book(practice, { title: 'Initial consultation', ...parisSlot('2030-01-15', '10:00') });
    // This test server runs no job workers: spec 002's sync-to-calendar drains the outbox instead.
    const drain = () =>
      practice.api<{ pushed: number; failed: number }>('POST', '/api/calendar/sync-to-calendar');
    expect(await drain()).toMatchObject({ pushed: 0, failed: 1 });
    await page.reload();
    const refused = page.getByText(
      '1 appointment is missing from this calendar: Google Calendar refused it.',
    );
    await refused.waitFor();
    await page.getByText('Reason given: Google: You need to have writer access to this calendar.').waitFor();
    await lookOnBoth(page, 'calendar-settings-refused');

    await page.goto(appUrl('/dashboard'));
    const alert = page.getByRole('region', { name: 'Calendar sync needs attention' });
    await alert.getByText('1 appointment is missing from a connected calendar, which refused it.').waitFor();
    await lookOnBoth(page, 'overview-calendar-alert', { fullPage: false });
    // And on the administration dashboard, where staff may land instead.
    await page.goto(appUrl('/admin'));
    await page
      .getByRole('region', { name: 'Calendar sync needs attention' })
      .getByText('1 appointment is missing from a connected calendar, which refused it.')
      .waitFor();
    await page.goto(appUrl('/dashboard'));
    await alert.getByRole('link', { name: 'Open calendar connections' }).click();
    await page.waitForURL((u) => u.pathname === settings);

    await page.getByRole('button', { name: 'Send again' }).click();
    await toast(page, '1 appointment sent again to Google Calendar').waitFor();
    await refused.waitFor({ state: 'detached' });
    expect(await drain()).toMatchObject({ pushed: 1, failed: 0 });
    const listed = (await emulator(
      googleUrl,
      'GET',
      `calendars/${encodeURIComponent(practice.owner.email)}/events`,
    )) as { items: { summary: string }[] };
    expect(listed.items.map((e) => e.summary)).toContain('Initial consultation');
    await page.goto(appUrl('/dashboard'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: 'Calendar sync needs attention' }).count()).toBe(0);
    await page.goto(appUrl(settings));
  });

  it('connects Outlook through Microsoft’s consent page', async () => {
    const { page } = ctx;
    const mailbox = `olivia.${Date.now()}@contoso.example`;
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
    const { page } = ctx;
    await emulator(googleUrl, 'POST', 'revoke', { email: ctx.practice.owner.email });
    await page.getByRole('button', { name: 'Sync now' }).click();
    await toast(page, 'Your Google Calendar connection has expired. Reconnect it to sync.').waitFor();
    const expired = page.locator('[data-connection-status="expired"]');
    await expired.waitFor();
    expect(await expired.textContent()).toContain(
      'Access to Google Calendar has expired, so syncing has stopped.',
    );
    expect(await expired.getByRole('button', { name: 'Reconnect' }).count()).toBe(1);
    await dismissToasts(page);
    await lookOnBoth(page, 'calendar-settings-expired');
    // Said on the overview too: an expired calendar must not fail silently.
    await page.goto(appUrl('/dashboard'));
    await page
      .getByRole('region', { name: 'Calendar sync needs attention' })
      .getByText(`Access to Google Calendar (${ctx.practice.owner.email}) has expired`, { exact: false })
      .waitFor();
    await page.goto(appUrl(settings));
  });

  it('disconnects only after asking', async () => {
    const { page } = ctx;
    const expired = page.locator('[data-connection-status="expired"]');
    await expired.getByRole('button', { name: /Disconnect/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect Google Calendar?' });
    await dialog.waitFor();
    expect(await page.locator(':focus').textContent()).toBe('Keep connected');
    await lookOnBoth(page, 'calendar-settings-disconnect', { fullPage: false });
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await toast(page, 'Google Calendar disconnected').waitFor();
    await page.getByRole('button', { name: 'Connect Google Calendar' }).waitFor();
  });
});

describe('automatic sync', () => {
  const card = () => ctx.page.locator('[data-auto-sync]');

  it('lets staff stop it for the practice and start it again, saying which it is', async () => {
    const { page } = ctx;
    await dismissToasts(page);
    await page.getByRole('button', { name: 'Stop automatic sync' }).click();
    await toast(page, 'Automatic sync stopped').waitFor();
    await card()
      .getByText(
        'Automatic sync is stopped for this practice: calendars are synced only when someone presses Sync.',
      )
      .waitFor();
    expect(await card().getByText('Stopped', { exact: true }).count()).toBe(1);
    await dismissToasts(page);
    await lookOnBoth(page, 'calendar-settings-auto-sync-stopped');
    await page.getByRole('button', { name: 'Start automatic sync' }).click();
    await toast(page, 'Automatic sync started').waitFor();
    await card().getByText('Calendars are synced every 5 minutes in the background.').waitFor();
  });

  it('says it waits for a calendar when none is connected, rather than that it is on', async () => {
    const { page } = ctx;
    await page.route('**/api/calendar/status', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { data: CalendarStatus };
      await route.fulfill({ response, json: { ...body, data: { ...body.data, connections: [] } } });
    });
    await page.reload();
    await card().getByText('No calendar yet', { exact: true }).waitFor();
    expect(await card().innerText()).toContain(
      'Connect a calendar above: it is then synced every 5 minutes in the background.',
    );
    expect(await card().getByText('On', { exact: true }).count()).toBe(0);
    await page.unroute('**/api/calendar/status');
    await page.reload();
    await card().getByText('On', { exact: true }).waitFor();
  });

  it('explains that the server’s configuration has it off, and does not offer to start it', async () => {
    // This test server has AUTO_SYNC_ENABLED on: the page is shown the status of one that has it off.
    const { page } = ctx;
    await page.route('**/api/calendar/status', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { data: CalendarStatus };
      const off = { ...body.data.auto_sync, enabled: false, enabled_by_server: false, running: false };
      await route.fulfill({ response, json: { ...body, data: { ...body.data, auto_sync: off } } });
    });
    await page.reload();
    await card().getByText('Off on this server').waitFor();
    expect(await card().innerText()).toContain(
      'Automatic sync is turned off in this server’s configuration, so calendars are synced only when someone presses Sync.',
    );
    const start = page.getByRole('button', { name: 'Start automatic sync' });
    expect(await start.isDisabled()).toBe(true);
    expect(await start.getAttribute('aria-describedby')).not.toBeNull();
    await card()
      .getByText('Whoever runs your Rendezvous server can turn it on (AUTO_SYNC_ENABLED).')
      .waitFor();
    await lookOnBoth(page, 'calendar-settings-auto-sync-server-off');
    await page.unroute('**/api/calendar/status');
  });

  it('tells clients who decides, without a switch', async () => {
    const client = await ctx.practice.addPerson('Jean Dupont');
    const session = await signIn(ctx.browser, client);
    await session.page.goto(appUrl(settings));
    await session.page.getByText('Your practice’s administrators turn automatic sync on or off.').waitFor();
    expect(await session.page.getByRole('button', { name: /automatic sync/ }).count()).toBe(0);
    await session.close();
  });
});
