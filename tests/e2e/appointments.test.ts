import { describe, expect, inject, it } from 'vitest';
import { assistantEvent } from '../support/google.ts';
import { appUrl, emulator, lookOnBoth, practiceForFile, toast } from './fixtures.ts';

const googleUrl = inject('googleUrl');

const ctx = practiceForFile('Harbour Physio');

/** An hour-long event `daysFromNow` days away, at 10:00 UTC. */
function around(daysFromNow: number) {
  const start = new Date();
  start.setUTCDate(start.getUTCDate() + daysFromNow);
  start.setUTCHours(10, 0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
}

/** Spec 000's Appointments tab: cards of synced appointments, the Sync button, search and filters. */
describe('the appointments page', () => {
  it('says there is nothing yet, and offers to request an appointment', async () => {
    const { page } = ctx;
    await page.goto(appUrl('/dashboard/appointments'));
    await page.getByText('No upcoming appointments').waitFor();
    expect(await page.getByRole('link', { name: 'New appointment' }).count()).toBe(1);
    await lookOnBoth(page, 'appointments-empty');
  });

  it('syncs appointments booked by the voice assistant, with progress, a toast and cards', async () => {
    const { page, owner } = ctx.practice;
    await page.goto(appUrl('/dashboard/calendar/settings'));
    await page.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await page.waitForURL((u) => u.href.startsWith(googleUrl));
    await page.locator('input[name="email"]').fill(owner.email);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(appUrl('/dashboard/calendar/settings'));
    await toast(page, 'Google Calendar connected').waitFor();

    for (const event of [
      assistantEvent({ ...around(2), summary: 'Consultation - Jean Dupont' }),
      assistantEvent({
        ...around(-3),
        summary: 'Follow-up - Marie Curie',
        email: 'marie.curie@example.com',
        phone: '+33 6 99 88 77 66',
        service: 'Follow-up',
      }),
    ]) {
      await emulator(googleUrl, 'POST', `calendars/${encodeURIComponent(owner.email)}/events`, event);
    }
    // The calendar answers slowly once, so the progress is there to be seen.
    await emulator(googleUrl, 'POST', 'faults', {
      path: '/events$',
      method: 'GET',
      latencyMs: 700,
      times: 1,
    });

    await page.getByRole('link', { name: 'Appointments' }).first().click();
    await page.getByRole('button', { name: 'Sync Appointments' }).click();
    await page.getByRole('button', { name: 'Syncing…' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Syncing your calendars…' }).count()).toBe(1);
    await toast(page, '2 appointments synced successfully').waitFor();

    const card = page
      .locator('article[data-period="upcoming"]')
      .filter({ hasText: 'Consultation - Jean Dupont' });
    await card.waitFor();
    const text = await card.textContent();
    for (const expected of [
      'Jean Dupont',
      '+33 6 11 22 33 44',
      'jean.dupont@example.com',
      'Consultation',
      'Booked by phone; prefers mornings.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await card.getAttribute('class')).toContain('border-l-teal-500');
    // As an agenda on a wide screen: the day beside its appointments, the card taking the width
    // (a grid of two left half the page empty on a day with one appointment).
    const day = page.getByRole('region', { name: /^\w+,? \d+ \w+ \d{4}$/ }).filter({ has: card });
    const heading = (await day.getByRole('heading', { level: 2 }).boundingBox())!;
    const cardBox = (await card.boundingBox())!;
    const list = (await page.locator('main').boundingBox())!;
    expect(cardBox.x).toBeGreaterThan(heading.x + heading.width);
    expect(cardBox.y).toBeLessThan(heading.y + heading.height);
    expect(cardBox.width).toBeGreaterThan(list.width * 0.6);
    await lookOnBoth(page, 'appointments-synced');

    await page.getByRole('button', { name: 'Past' }).click();
    const pastCard = page
      .locator('article[data-period="past"]')
      .filter({ hasText: 'Follow-up - Marie Curie' });
    await pastCard.waitFor();
    expect(await pastCard.getAttribute('class')).toContain('border-l-slate-300');
    expect(await pastCard.textContent()).toContain('+33 6 99 88 77 66');
    await lookOnBoth(page, 'appointments-past');
  });

  it('finds appointments by name, and says so when nothing matches the filters', async () => {
    const { page } = ctx;
    await page.getByRole('button', { name: 'Upcoming' }).click();
    await page.getByLabel('Search').fill('marie');
    await page.getByText('No appointment matches').waitFor();
    await page.getByRole('button', { name: 'Past' }).click();
    await page.locator('article').filter({ hasText: 'Follow-up - Marie Curie' }).waitFor();
    expect(await page.locator('article').count()).toBe(1);
    await page.getByLabel('Type').selectOption('paid');
    await page.getByText('No appointment matches').waitFor();
    await lookOnBoth(page, 'appointments-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('article').filter({ hasText: 'Follow-up - Marie Curie' }).waitFor();
    expect(await page.getByLabel('Search').inputValue()).toBe('');
  });

  it('says plainly when the Google connection has expired and offers Reconnect', async () => {
    const { page, owner } = ctx.practice;
    await emulator(googleUrl, 'POST', 'revoke', { email: owner.email });
    await page.getByRole('button', { name: 'Sync Appointments' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Your Google Calendar connection' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('has expired');
    await toast(page, 'Your Google Calendar connection has expired').waitFor();
    await lookOnBoth(page, 'appointments-sync-expired');

    await notice.getByRole('button', { name: 'Reconnect' }).click();
    await page.waitForURL((u) => u.href.startsWith(googleUrl));
    await page.locator('input[name="email"]').fill(owner.email);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(appUrl('/dashboard/calendar/settings'));
    await toast(page, 'Google Calendar connected').waitFor();
    await page.locator('[data-connection-status="active"]').waitFor();
  });
});
