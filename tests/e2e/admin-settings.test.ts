import { describe, expect, it } from 'vitest';
import { appUrl, desktop, longDay, look, parisDay, phone, practiceForFile } from './fixtures.ts';

const ctx = practiceForFile('Riverside Osteopathy');

/** A weekday (Monday to Friday) at least two days ahead, so it is bookable under any notice. */
function nextWeekday(): string {
  for (let offset = 2; ; offset += 1) {
    const day = new Date(`${parisDay(offset)}T12:00:00Z`).getUTCDay();
    if (day >= 1 && day <= 5) return parisDay(offset);
  }
}

const dayRow = (name: string) =>
  ctx.page.getByRole('listitem').filter({ has: ctx.page.getByRole('heading', { name }) });
const previewDay = (date: string) => ctx.page.getByRole('list', { name: longDay(date) });

describe('the availability settings', () => {
  it('shows a closed week and nothing bookable before any opening hours', async () => {
    await ctx.page.goto(appUrl('/admin/settings'));
    await ctx.page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await ctx.page.getByText('Nothing can be booked in the next two weeks.', { exact: false }).waitFor();
    expect(await dayRow('Monday').innerText()).toContain('Closed');
    await look(ctx.page, 'admin-settings-empty');
  });

  it('refuses opening hours that end before they start, at the field', async () => {
    await ctx.page.getByRole('button', { name: 'Add opening' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Add opening hours' });
    await dialog.waitFor();
    await dialog.getByLabel('From').fill('09:00');
    await dialog.getByLabel('Until').fill('08:00');
    await dialog.getByRole('button', { name: 'Add opening' }).click();
    await dialog.getByText('The end must be after the start.').waitFor();
    await look(ctx.page, 'admin-settings-opening-errors', { fullPage: false });
  });

  it('adds morning hours on the five weekdays and offers them to clients', async () => {
    const dialog = ctx.page.getByRole('dialog', { name: 'Add opening hours' });
    expect(await dialog.getByRole('checkbox', { name: 'Monday' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: 'Saturday' }).isChecked()).toBe(false);
    await dialog.getByLabel('Until').fill('12:00');
    await dialog.getByLabel('Appointment length (minutes)').fill('30');
    await dialog.getByLabel('Pause after (min)').fill('10');
    await dialog.getByRole('button', { name: 'Add opening' }).click();
    await ctx.page.getByText('Opening hours added to 5 days.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const monday = await dayRow('Monday').innerText();
    expect(monday).toContain('09:00 – 12:00');
    // 09:00–12:00 holds four 30-minute appointments with 10 minutes between them.
    expect(monday).toContain('30 min appointments · at most 4 in these hours');
    expect(monday).toContain('10 min pause after');
    expect(await dayRow('Saturday').innerText()).toContain('Closed');
    await ctx.page.getByText(/bookable times in the next two weeks/).waitFor();
    const weekday = nextWeekday();
    await previewDay(weekday).waitFor();
    expect(await previewDay(weekday).innerText()).toContain('09:00');
  });

  it('closes a day for a reason, and that day is no longer offered', async () => {
    const weekday = nextWeekday();
    await ctx.page.getByRole('button', { name: 'Add date' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Add a closure or extra hours' });
    await dialog.getByLabel('Date').fill(parisDay(-1));
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByText('Choose today or a later date.').waitFor();
    await dialog.getByLabel('Date').fill(weekday);
    await dialog.getByLabel('Reason (optional)').fill('Team training');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await ctx.page.getByText(`Change saved for ${longDay(weekday)}.`).waitFor();
    const exception = ctx.page.getByRole('listitem').filter({ hasText: 'Team training' });
    expect(await exception.innerText()).toContain(longDay(weekday));
    expect(await exception.innerText()).toContain('Closed all day');
    await previewDay(weekday).waitFor({ state: 'detached' });
  });

  it('adds extra hours on a Saturday, checking that they end after they start', async () => {
    let saturday = '';
    for (let offset = 1; !saturday; offset += 1) {
      if (new Date(`${parisDay(offset)}T12:00:00Z`).getUTCDay() === 6) saturday = parisDay(offset);
    }
    await ctx.page.getByRole('button', { name: 'Add date' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Add a closure or extra hours' });
    await dialog.getByLabel('Date').fill(saturday);
    await dialog.getByLabel('Open for extra hours').check();
    await dialog.getByLabel('From').fill('14:00');
    await dialog.getByLabel('Until').fill('10:00');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByText('The end must be after the start.').waitFor();
    await dialog.getByLabel('Until').fill('17:00');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await ctx.page.getByText(`Change saved for ${longDay(saturday)}.`).waitFor();
    await ctx.page.getByText('Extra hours 14:00–17:00').waitFor();
    await look(ctx.page, 'admin-settings');
  });

  it('pauses an opening from its menu, and removes one after asking', async () => {
    await ctx.page.getByRole('button', { name: 'Actions for Friday 09:00–12:00' }).click();
    await ctx.page.getByRole('menuitem', { name: 'Pause' }).click();
    await ctx.page.getByText('Friday 09:00–12:00 is paused.').waitFor();
    await expect.poll(() => dayRow('Friday').innerText()).toContain('Paused');

    await ctx.page.getByRole('button', { name: 'Actions for Thursday 09:00–12:00' }).click();
    await ctx.page.getByRole('menuitem', { name: 'Remove…' }).click();
    const dialog = ctx.page.getByRole('dialog', { name: 'Remove this opening?' });
    await dialog.getByRole('button', { name: 'Remove opening' }).click();
    await ctx.page.getByText('Thursday 09:00–12:00 removed.').waitFor();
    await expect.poll(() => dayRow('Thursday').innerText()).toContain('Closed');
  });

  it('renames the practice and moves it to another zone, the opening hours keeping their times', async () => {
    const { page } = ctx;
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'The practice' });
    await dialog.getByLabel('Name').fill('  ');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Enter the name of your practice.').waitFor();
    await dialog.getByLabel('Name').fill('Riverside Osteopathy & Sport');
    await dialog.getByText('Opening hours, closures and free times are read in this zone.').waitFor();
    await dialog.getByLabel('Time zone').selectOption('Europe/London');
    await dialog.getByText('09:00 stays 09:00', { exact: false }).waitFor();
    await look(page, 'admin-settings-practice', { fullPage: false });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Practice saved.').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // Everywhere at once: the header, the card, the page's words; Monday still opens at 09:00.
    await page.getByTestId('tenant-name').filter({ hasText: 'Riverside Osteopathy & Sport' }).waitFor();
    await page
      .getByText('Hours are in the practice’s time zone (Europe/London).', { exact: false })
      .waitFor();
    expect(await dayRow('Monday').innerText()).toContain('09:00 – 12:00');
    await page.reload();
    await page.getByTestId('tenant-name').filter({ hasText: 'Riverside Osteopathy & Sport' }).waitFor();
  });

  it('refuses hours that overlap an opening, saying so, and keeps the days saved before', async () => {
    const { page } = ctx;
    const addOpening = async (days: string[], from: string, until: string) => {
      await page.getByRole('button', { name: 'Add opening' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add opening hours' });
      // The dialog opens on the usual week (Monday to Friday) once it has put back its defaults;
      // choosing days before that would be undone by them.
      await expect.poll(() => dialog.getByRole('checkbox', { name: 'Friday' }).isChecked()).toBe(true);
      for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
        const box = dialog.getByRole('checkbox', { name: day });
        // The box is drawn by its label (the input itself is for screen readers): a person taps the label.
        if ((await box.isChecked()) !== days.includes(day))
          await dialog
            .locator('label')
            .filter({ has: page.getByRole('checkbox', { name: day }) })
            .click();
      }
      await dialog.getByLabel('From').fill(from);
      await dialog.getByLabel('Until').fill(until);
      await dialog.getByRole('button', { name: 'Add opening' }).click();
      return dialog;
    };
    await (await addOpening(['Sunday'], '10:00', '12:00')).waitFor({ state: 'hidden' });

    // Saturday is free and saved; Sunday's 11:00 falls inside its 10:00–12:00.
    const dialog = await addOpening(['Saturday', 'Sunday'], '11:00', '13:00');
    await dialog
      .getByText('These hours overlap an opening this practitioner already has on that day.', {
        exact: false,
      })
      .waitFor();
    expect(await dialog.getByRole('checkbox', { name: 'Saturday' }).isChecked()).toBe(false);
    expect(await dialog.getByRole('checkbox', { name: 'Sunday' }).isChecked()).toBe(true);
    await look(page, 'admin-settings-opening-overlap', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dayRow('Saturday').innerText()).toContain('11:00 – 13:00');
    expect(await dayRow('Sunday').innerText()).toContain('10:00 – 12:00');
    expect(await dayRow('Sunday').innerText()).not.toContain('11:00 – 13:00');
  });

  it('fits a phone screen', async () => {
    await ctx.page.setViewportSize(phone);
    await dayRow('Monday').waitFor();
    await look(ctx.page, 'admin-settings');
    await ctx.page.setViewportSize(desktop);
  });
});
