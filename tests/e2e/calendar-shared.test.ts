import { describe, expect, inject, it } from 'vitest';
import {
  appUrl,
  browserForFile,
  dismissToasts,
  lookOnBoth,
  openPractice,
  type Session,
  signIn,
  toast,
} from './fixtures.ts';

const sharedCalendarId = inject('sharedCalendarId');
const firstPracticeOwner = inject('firstPracticeOwner');
const browser = browserForFile();
const offerTitle = 'The practice’s shared Google calendar (service account)';

function offer(session: Session) {
  return session.page.getByRole('region', { name: offerTitle });
}

/**
 * Spec 002's service account on the calendar settings page: the server's shared Google calendar
 * (GOOGLE_SERVICE_ACCOUNT_JSON + GOOGLE_CALENDAR_ID) is offered to the practice it belongs to —
 * here the server's first one — and to no other.
 */
describe('the practice’s shared Google calendar', () => {
  it('is offered to the first practice’s owner, and connecting it lists the connection', async () => {
    const owner = await signIn(browser(), firstPracticeOwner);
    const { page } = owner;
    await page.goto(appUrl('/dashboard/calendar/settings'));
    await offer(owner).waitFor();
    expect(await offer(owner).innerText()).toContain(sharedCalendarId);
    await lookOnBoth(page, 'calendar-settings-shared-calendar');

    await offer(owner).getByRole('button', { name: 'Connect the shared calendar' }).click();
    await toast(page, 'The practice’s shared Google calendar is connected').waitFor();
    const connection = page
      .locator('[data-connection-status="active"]')
      .filter({ hasText: 'The practice’s shared calendar: every appointment of the practice is in it' });
    await connection.waitFor();
    expect(await connection.innerText()).toContain(sharedCalendarId);
    expect(await offer(owner).count()).toBe(0);
    await dismissToasts(page);
    await lookOnBoth(page, 'calendar-settings-shared-calendar-connected');
    await owner.close();
  });

  it('lets its owner make its other events block the whole practice, and take it back', async () => {
    const owner = await signIn(browser(), firstPracticeOwner);
    const { page } = owner;
    await page.goto(appUrl('/dashboard/calendar/settings'));
    const connection = page.locator('[data-connection-status]').filter({ hasText: sharedCalendarId });
    const box = connection.getByRole('checkbox', { name: 'Its other events block the whole practice' });
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    expect(await connection.innerText()).toContain('Its other events block only your time.');

    await box.check();
    await toast(page, `Events in ${sharedCalendarId} now block the whole practice`).waitFor();
    await connection
      .getByText('A closure or meeting in this calendar makes every practitioner unavailable.')
      .waitFor();
    await dismissToasts(page);
    await lookOnBoth(page, 'calendar-settings-shared-calendar-whole-practice');

    // Saved, not only drawn: a reload shows it ticked.
    await page.reload();
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await toast(page, `Events in ${sharedCalendarId} now block only your time`).waitFor();
    await connection.getByText('Its other events block only your time.').waitFor();
    await owner.close();
  });

  it('is not offered to another practice, which the server refuses too', async () => {
    const other = await openPractice(browser(), 'Elsewhere Clinic');
    await other.page.goto(appUrl('/dashboard/calendar/settings'));
    await other.page.getByRole('button', { name: 'Connect Google Calendar' }).waitFor();
    expect(await offer(other).count()).toBe(0);
    await expect(other.api('POST', '/api/calendar/service-account')).rejects.toThrow(
      /403.*belongs to another practice/,
    );
    await other.close();
  });
});
